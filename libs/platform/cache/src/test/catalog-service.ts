import { Controller, Get, Injectable, Module, Query, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { createServiceApp, Public } from '@ms/platform-core';
import { cacheKey } from '../lib/cache-key';
import { CacheModuleOptions } from '../lib/cache.config';
import { CacheModule } from '../lib/cache.module';
import { CacheService } from '../lib/cache.service';

/** A tiny public service whose product search is cached, used by the adapter's own tests. */
export const CATALOG_SERVICE: ServiceDescriptor = {
  name: 'cache-spec-catalog',
  accessibility: 'public',
  defaultPort: 3998,
  routes: [{ method: 'GET', path: '/products', access: 'public' }],
};

const PRODUCTS = [
  { id: 1, name: 'desk lamp', price: 25 },
  { id: 2, name: 'floor lamp', price: 80 },
  { id: 3, name: 'chair', price: 45 },
];

/** The source of truth; counts how often it is asked. */
@Injectable()
export class ProductSource {
  loads = 0;

  async search(q: string) {
    this.loads += 1;
    return PRODUCTS.filter((product) => product.name.includes(q));
  }
}

@Controller('products')
class ProductsController {
  constructor(
    private readonly cache: CacheService,
    private readonly source: ProductSource,
  ) {}

  @Public()
  @Get()
  list(@Query('q') q = '') {
    return this.cache.getOrSet(cacheKey('products', { q }), 60_000, () => this.source.search(q));
  }
}

function catalogModule(options: CacheModuleOptions): Type<unknown> {
  @Module({ imports: [CacheModule.forRoot(options)], controllers: [ProductsController], providers: [ProductSource] })
  class CatalogModule {}
  return CatalogModule;
}

export interface CatalogApp {
  readonly app: NestFastifyApplication;
  readonly source: ProductSource;
  readonly cache: CacheService;
}

export const testEnv = (): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  SERVICE_TOKEN_SECRET: 'cache-spec-secret-that-is-long-enough-0123456789',
});

/** `env` is the app's environment (REDIS_URL, CACHE_MAX_ENTRIES, …) on top of the test defaults. */
export async function createCatalogApp(
  options: CacheModuleOptions & { readonly env?: Record<string, string | undefined> },
): Promise<CatalogApp> {
  const { env, ...moduleOptions } = options;
  const app = await createServiceApp(catalogModule(moduleOptions), CATALOG_SERVICE, { ...testEnv(), ...env });
  return { app, source: app.get(ProductSource), cache: app.get(CacheService) };
}
