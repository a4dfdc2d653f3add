import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { envInt, validateEnv } from '@ms/platform-core';

export const DEFAULT_REDIS_TIMEOUT_MS = 500;
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_CACHE_MAX_BYTES = 32 * 1024 * 1024;

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Environment variables of the cache adapter. */
export class CacheEnv {
  /** Unset: in-memory cache in each process. Set: shared Redis. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Bound on connecting to Redis and on every Redis command. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  REDIS_TIMEOUT_MS?: number;

  /** Bound of the in-memory cache (least recently used entries are evicted). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  CACHE_MAX_ENTRIES?: number;

  /** Bound of the in-memory cache in bytes (serialized values and keys). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024 * 1024)
  CACHE_MAX_BYTES?: number;
}

/** How a service opts in: `CacheModule.forRoot()`; tests pass `env` and a unique `namespace`. */
export interface CacheModuleOptions {
  /** Key namespace in a shared Redis. Default: the service's name, so services sharing a Redis never collide. */
  readonly namespace?: string;
  /** Where to read REDIS_URL, REDIS_TIMEOUT_MS, CACHE_MAX_ENTRIES and CACHE_MAX_BYTES. Default: `process.env`. */
  readonly env?: Record<string, string | undefined>;
}

export type CacheConfig =
  | {
      readonly backend: 'memory';
      readonly namespace: string;
      readonly maxEntries: number;
      readonly maxBytes: number;
      readonly timeoutMs: number;
    }
  | { readonly backend: 'redis'; readonly namespace: string; readonly url: string; readonly timeoutMs: number };

export function resolveCacheConfig(options: CacheModuleOptions, serviceName: string): CacheConfig {
  const env = validateEnv(CacheEnv, options.env ?? process.env);
  const namespace = options.namespace ?? serviceName;
  if (!/^[\w.-]+$/.test(namespace)) {
    throw new TypeError(`cache namespace must be letters, digits, ".", "_" or "-", got "${namespace}"`);
  }
  const timeoutMs = env.REDIS_TIMEOUT_MS ?? DEFAULT_REDIS_TIMEOUT_MS;
  if (env.REDIS_URL) return { backend: 'redis', namespace, url: env.REDIS_URL, timeoutMs };
  return {
    backend: 'memory',
    namespace,
    maxEntries: env.CACHE_MAX_ENTRIES ?? DEFAULT_CACHE_MAX_ENTRIES,
    maxBytes: env.CACHE_MAX_BYTES ?? DEFAULT_CACHE_MAX_BYTES,
    timeoutMs,
  };
}

/** The URL without credentials, for logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}
