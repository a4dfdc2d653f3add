import type { OnModuleDestroy } from '@nestjs/common';
import type { Keyv } from 'keyv';

/** What `CacheService.status()` and the `cache` readiness check report. */
export interface CacheStatus {
  readonly backend: 'memory' | 'redis';
  /** True while the cache is bypassed: requests are served from the source of truth. */
  readonly degraded: boolean;
  /** Why the cache is degraded (never contains credentials). */
  readonly reason?: string;
}

/** The store behind CacheService: the Keyv handed to cache-manager plus what it takes to use it safely. */
export interface CacheBackend extends OnModuleDestroy {
  readonly keyv: Keyv;
  /** False while the store must be bypassed (Redis down, reconnecting or shutting down). Never waits. */
  usable(): boolean;
  /** An operation on the store failed or timed out. */
  reportFailure(error: unknown): void;
  /** Current state without I/O. */
  status(): CacheStatus;
  /** Current state after a bounded round trip to the store where there is one (readiness). */
  check(): Promise<CacheStatus>;
  /** Idempotent and prompt, also when the store is unreachable. */
  close(): Promise<void>;
  /** Nest calls it at shutdown; @nestjs/cache-manager's `disconnect` may close too, hence idempotent. */
  onModuleDestroy(): Promise<void>;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
