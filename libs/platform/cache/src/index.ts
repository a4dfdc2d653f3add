export { CacheModule } from './lib/cache.module';
export { CacheService } from './lib/cache.service';
export type { CacheStatus } from './lib/cache-backend';
export {
  CacheEnv,
  DEFAULT_CACHE_MAX_BYTES,
  DEFAULT_CACHE_MAX_ENTRIES,
  DEFAULT_REDIS_TIMEOUT_MS,
  type CacheModuleOptions,
} from './lib/cache.config';
export { cacheKey } from './lib/cache-key';
