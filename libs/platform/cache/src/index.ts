// What services use; the rest of the library is internal.
export { CacheModule } from './lib/cache.module';
export { CacheService } from './lib/cache.service';
export { cacheKey } from './lib/cache-key';
