import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import type { CacheBackend, CacheStatus } from './cache-backend';
import type { CacheConfig } from './cache.config';
import { CACHE_BACKEND, CACHE_CONFIG } from './cache.tokens';
import { withTimeout } from './with-timeout';

/**
 * The cache as a service sees it. Every operation is best effort and bounded in time: when the cache is down, reads
 * miss and writes are skipped, so callers always fall through to their source of truth. Values are stored as JSON
 * (via Keyv's serializer; Buffers and BigInts survive, a Date comes back as its ISO string). `undefined` is "not
 * cached" and cannot be stored; `null` can.
 */
@Injectable()
export class CacheService {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(CACHE_BACKEND) private readonly backend: CacheBackend,
    @Inject(CACHE_CONFIG) private readonly config: CacheConfig,
  ) {}

  /** The cached value, or `undefined` on a miss or when the cache is unavailable. */
  async get<T>(key: string): Promise<T | undefined> {
    assertKey(key);
    return this.guard(() => this.cache.get<T>(key), undefined);
  }

  /** Stores `value` for `ttlMs` milliseconds; skipped (no error) when the cache is unavailable. */
  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    assertKey(key);
    assertTtl(ttlMs);
    if (value === undefined) throw new TypeError(`cache: cannot store undefined (key "${key}")`);
    await this.guard(async () => {
      await this.cache.set(key, value, ttlMs);
    }, undefined);
  }

  /** Removes `key`; skipped when the cache is unavailable (the entry then expires with its TTL). */
  async del(key: string): Promise<void> {
    assertKey(key);
    await this.guard(async () => {
      await this.cache.del(key);
    }, undefined);
  }

  /**
   * Read-through: the cached value, or `load()`'s result, cached for `ttlMs`. Concurrent calls for the same key in
   * this process share one cache read and one `load()` (no stampede on the source of truth). If `load()` rejects,
   * every waiter gets that rejection and nothing is cached; a result of `undefined` is returned but not cached.
   */
  getOrSet<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    assertKey(key);
    assertTtl(ttlMs);
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const flight = this.readThrough(key, ttlMs, load).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  /** Backend and whether the cache is currently bypassed. No I/O. */
  status(): CacheStatus {
    return this.backend.status();
  }

  private async readThrough<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    const value = await load();
    if (value !== undefined) await this.set(key, value, ttlMs);
    return value;
  }

  /** Runs a store operation unless the store is known to be down; failures and timeouts become `fallback`. */
  private async guard<R>(operation: () => Promise<R>, fallback: R): Promise<R> {
    if (!this.backend.usable()) return fallback;
    try {
      return await withTimeout(operation(), this.config.timeoutMs);
    } catch (error) {
      this.backend.reportFailure(error);
      return fallback;
    }
  }
}

function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('cache: key must be a non-empty string');
}

function assertTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
    throw new TypeError(`cache: ttlMs must be a positive integer of milliseconds, got ${ttlMs}`);
  }
}
