import { DynamicModule, Module } from '@nestjs/common';
import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { provideConfig, SERVICE_DESCRIPTOR } from '@ms/platform-core';
import type { CacheBackend } from './cache-backend';
import { CacheConfig, CacheModuleOptions, CacheSettings, resolveCacheConfig } from './cache.config';
import { CacheReadiness } from './cache-readiness';
import { CacheService } from './cache.service';
import { CACHE_BACKEND, CACHE_CONFIG, CACHE_MODULE_OPTIONS } from './cache.tokens';
import { MemoryCacheBackend } from './memory-cache-backend';

async function createBackend(config: CacheConfig): Promise<CacheBackend> {
  if (config.backend === 'memory') return new MemoryCacheBackend(config.namespace, config);
  // Loaded only when used: the Redis client is hundreds of modules a service on the in-memory cache never needs.
  const { RedisCacheBackend } = await import('./redis-cache-backend');
  const redis = new RedisCacheBackend(config.url, config.namespace, config.timeoutMs);
  // Bounded: start-up goes on, degraded, when Redis does not answer in time.
  await redis.start();
  return redis;
}

/** Configuration and store, shared by @nestjs/cache-manager's module and ours. */
@Module({})
class CacheBackendModule {}

/**
 * The cache adapter: `imports: [CacheModule.forRoot()]` in a service's AppModule, then inject `CacheService`
 * anywhere (the module is global). In-memory by default; Redis when REDIS_URL is set. Registers the `cache`
 * readiness check. Needs the platform core (`createServiceApp`).
 */
@Module({})
export class CacheModule {
  static forRoot(options: CacheModuleOptions = {}): DynamicModule {
    const backendModule: DynamicModule = {
      module: CacheBackendModule,
      providers: [
        { provide: CACHE_MODULE_OPTIONS, useValue: options },
        provideConfig(CacheSettings),
        {
          provide: CACHE_CONFIG,
          inject: [CACHE_MODULE_OPTIONS, CacheSettings, SERVICE_DESCRIPTOR],
          useFactory: (opts: CacheModuleOptions, settings: CacheSettings, service: ServiceDescriptor) =>
            resolveCacheConfig(opts, settings, service.name),
        },
        { provide: CACHE_BACKEND, inject: [CACHE_CONFIG], useFactory: createBackend },
      ],
      exports: [CACHE_CONFIG, CACHE_BACKEND],
    };
    return {
      module: CacheModule,
      global: true,
      imports: [
        backendModule,
        NestCacheModule.registerAsync({
          imports: [backendModule],
          inject: [CACHE_BACKEND],
          useFactory: (backend: CacheBackend) => ({ stores: [backend.keyv] }),
        }),
      ],
      providers: [CacheService, CacheReadiness],
      exports: [CacheService],
    };
  }
}
