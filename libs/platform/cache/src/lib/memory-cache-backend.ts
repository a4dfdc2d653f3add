import { Logger } from '@nestjs/common';
import { Keyv } from 'keyv';
import { CacheBackend, CacheStatus, describeError } from './cache-backend';
import { LruMap } from './lru-map';

const STATUS: CacheStatus = { backend: 'memory', degraded: false };

/** Per-process cache bounded by entry count. Values are serialized like in Redis, so both backends behave alike. */
export class MemoryCacheBackend implements CacheBackend {
  readonly keyv: Keyv;
  private readonly logger = new Logger('Cache');

  constructor(namespace: string, maxEntries: number) {
    this.keyv = new Keyv({ store: new LruMap<string, unknown>(maxEntries), namespace });
    this.logger.log(`in-memory cache, at most ${maxEntries} entries`);
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
