import { readJson } from '../storage';

export const PENDING_CHECKOUT_KEY = 'storefront.pendingCheckout';

/** A checkout attempt: its Idempotency-Key and the cart it orders. */
export interface PendingCheckout {
  readonly key: string;
  readonly signature: string;
}

/**
 * One Idempotency-Key per checkout attempt, kept in sessionStorage: a retry of the same cart (same `signature`)
 * reuses it, so it can never order twice; a changed cart gets a new one.
 */
export class PendingCheckouts {
  constructor(
    private readonly storage: Storage,
    private readonly newKey: () => string = newIdempotencyKey,
  ) {}

  keyFor(signature: string): string {
    const pending = readJson<PendingCheckout | null>(this.storage, PENDING_CHECKOUT_KEY, null);
    if (pending && pending.signature === signature) return pending.key;
    const next: PendingCheckout = { key: this.newKey(), signature };
    this.storage.setItem(PENDING_CHECKOUT_KEY, JSON.stringify(next));
    return next.key;
  }

  /** The attempt is over (placed, or refused for its cart): the next one gets a new key. */
  clear(): void {
    this.storage.removeItem(PENDING_CHECKOUT_KEY);
  }
}

/** A random UUID; crypto.randomUUID needs a secure context (HTTPS or localhost), getRandomValues does not. */
export function newIdempotencyKey(crypto: Crypto = globalThis.crypto): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // variant 10
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
