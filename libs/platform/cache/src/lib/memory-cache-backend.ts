import { Logger } from '@nestjs/common';
import { Keyv } from 'keyv';
import { CacheBackend, CacheStatus, describeError } from './cache-backend';
import { MemoryStore, type MemoryStoreLimits } from './memory-store';

const STATUS: CacheStatus = { backend: 'memory', degraded: false };

/**
 * Per-process cache bounded by entry count and bytes, expired entries dropped. Values are serialized like in Redis,
 * so both backends behave alike.
 */
export class MemoryCacheBackend implements CacheBackend {
  readonly keyv: Keyv;
  private readonly logger = new Logger('Cache');

  readonly store: MemoryStore;

  constructor(namespace: string, limits: MemoryStoreLimits) {
    this.store = new MemoryStore(limits);
    this.keyv = new Keyv({ store: this.store, namespace });
    this.logger.log(`in-memory cache, at most ${limits.maxEntries} entries and ${limits.maxBytes} bytes`);
  }

  usable(): boolean {
    return true;
  }

  /** An in-memory store only fails on values it cannot serialize: a bug in the caller, reported every time. */
  reportFailure(error: unknown): void {
    this.logger.warn(`cache operation failed: ${describeError(error)}`);
  }

  status(): CacheStatus {
    return STATUS;
  }

  async check(): Promise<CacheStatus> {
    return STATUS;
  }

  async close(): Promise<void> {
    await this.keyv.clear();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
