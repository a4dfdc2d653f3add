import { HttpException, HttpStatus, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { BlockList } from 'node:net';
import { normalizeEmail } from '@ms/contracts-user-management';
import { UserManagementConfig } from '../config/user-management-config';
import { parseTrustedProxies } from './client-address';
import { clientKey, type TrackedRequest } from './rate-limit';

const ACCOUNT = 'login-failures-per-account';
const CLIENT = 'login-failures-per-client';

/** 429 in the platform's shape; the handler copies `retryAfterSeconds` into Retry-After. */
export class LoginThrottled extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many attempts: try again in ${retryAfterSeconds} seconds`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** The counters one login attempt is held against. */
export interface LoginKeys {
  readonly account: string;
  readonly client: string;
}

/**
 * Login throttling as OWASP recommends: only FAILED logins count, per account (the normalised email; the address
 * plays no part, so spoofed or rotating X-Forwarded-For values neither reset nor dodge it) and, with a much larger
 * budget, per client address (one address guessing across many accounts). An account over its budget is refused
 * even with the right password until its window ends; other accounts, from the same address too, log in as usual.
 * Counters live in @nestjs/throttler's in-memory storage, per instance.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();
  private readonly trusted: BlockList | undefined;
  private readonly windowMs: number;

  constructor(private readonly config: UserManagementConfig) {
    this.trusted = config.trustedProxies.length > 0 ? parseTrustedProxies(config.trustedProxies) : undefined;
    this.windowMs = config.loginFailureWindowSeconds * 1000;
  }

  keys(request: TrackedRequest, email: unknown): LoginKeys {
    return {
      account: `account:${String(normalizeEmail(email)).slice(0, 320)}`,
      client: clientKey(request, this.trusted),
    };
  }

  /** Throws LoginThrottled while the account or the client address is over its budget of failures. */
  refuseIfThrottled(keys: LoginKeys): void {
    const seconds = Math.max(this.blockedFor(keys.account), this.blockedFor(keys.client));
    if (seconds > 0) throw new LoginThrottled(seconds);
  }

  async recordFailure(keys: LoginKeys): Promise<void> {
    const { loginFailuresPerAccount, loginFailuresPerClient } = this.config;
    // The throttler blocks once hits exceed its limit: limit − 1 blocks right after the last allowed failure.
    await this.storage.increment(keys.account, this.windowMs, loginFailuresPerAccount - 1, this.windowMs, ACCOUNT);
    await this.storage.increment(keys.client, this.windowMs, loginFailuresPerClient - 1, this.windowMs, CLIENT);
  }

  private blockedFor(key: string): number {
    const record = this.storage.storage.get(key);
    const now = Date.now();
    if (!record?.isBlocked || record.blockExpiresAt <= now) return 0;
    return Math.max(1, Math.ceil((record.blockExpiresAt - now) / 1000));
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
