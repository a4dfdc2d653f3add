import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { asInt, Env } from '@ms/platform-core';

/** The cache adapter's variables, read once from the service's environment. */
export class CacheSettings {
  /** Unset: in-memory cache in each process. Set: shared Redis. */
  @Env('REDIS_URL')
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: '$property must be a redis:// or rediss:// URL' })
  readonly redisUrl?: string;

  /** Bound on connecting to Redis and on every Redis command. */
  @Env('REDIS_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  readonly redisTimeoutMs: number = 500;

  /** Bound of the in-memory cache (least recently used entries are evicted). */
  @Env('CACHE_MAX_ENTRIES', asInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  readonly maxEntries: number = 10_000;

  /** Bound of the in-memory cache in bytes (serialized values and keys). */
  @Env('CACHE_MAX_BYTES', asInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024 * 1024)
  readonly maxBytes: number = 32 * 1024 * 1024;
}

/** How a service opts in: `CacheModule.forRoot()`; tests pass a unique `namespace` (and their env to the app). */
export interface CacheModuleOptions {
  /** Key namespace in a shared Redis. Default: the service's name, so services sharing a Redis never collide. */
  readonly namespace?: string;
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

export function resolveCacheConfig(
  options: CacheModuleOptions,
  settings: CacheSettings,
  serviceName: string,
): CacheConfig {
  const namespace = options.namespace ?? serviceName;
  if (!/^[\w.-]+$/.test(namespace)) {
    throw new TypeError(`cache namespace must be letters, digits, ".", "_" or "-", got "${namespace}"`);
  }
  const timeoutMs = settings.redisTimeoutMs;
  if (settings.redisUrl) return { backend: 'redis', namespace, url: settings.redisUrl, timeoutMs };
  return { backend: 'memory', namespace, maxEntries: settings.maxEntries, maxBytes: settings.maxBytes, timeoutMs };
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
