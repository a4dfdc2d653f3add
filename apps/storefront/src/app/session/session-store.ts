import type { SessionAnswer, User } from '../api/shop-api';
import { readJson } from '../storage';

export const SESSION_KEY = 'storefront.session';
const AFTER_LOGIN_KEY = 'storefront.afterLogin';

/** The logged-in user, kept in sessionStorage (gone with the tab). */
export interface Session {
  readonly accessToken: string;
  readonly user: Pick<User, 'displayName'>;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  readonly expiresAt: number;
}

/** The session a login answered with, expiring when its access token does. */
export function sessionFrom(answer: SessionAnswer, now = Date.now()): Session {
  return { accessToken: answer.accessToken, user: answer.user, expiresAt: now + answer.expiresIn * 1000 };
}

export class SessionStore {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current session; null when logged out or expired (an expired one is forgotten). */
  get(): Session | null {
    const session = readJson<Session | null>(this.storage, SESSION_KEY, null);
    if (session?.expiresAt && this.now() > session.expiresAt) {
      this.storage.removeItem(SESSION_KEY);
      return null;
    }
    return session;
  }

  set(session: Session | null): void {
    if (session) this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    else this.storage.removeItem(SESSION_KEY);
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Where to go after the next login (the view that asked for it). */
  setAfterLogin(hash: string): void {
    this.storage.setItem(AFTER_LOGIN_KEY, hash);
  }

  /** Where to go now that the user logged in (and forgets it): `#/` when nothing asked. */
  takeAfterLogin(): string {
    const hash = this.storage.getItem(AFTER_LOGIN_KEY) || '#/';
    this.storage.removeItem(AFTER_LOGIN_KEY);
    return hash;
  }
}
