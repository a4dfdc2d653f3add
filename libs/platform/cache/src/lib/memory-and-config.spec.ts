import { CatalogApp, createCatalogApp } from '../test/catalog-service';

describe('in-memory cache bound', () => {
  let catalog: CatalogApp;

  beforeAll(async () => {
    catalog = await createCatalogApp({ env: { CACHE_MAX_ENTRIES: '3' } });
  });
  afterAll(() => catalog?.app.close());

  it('is the default without REDIS_URL and evicts the least recently used entry beyond CACHE_MAX_ENTRIES', async () => {
    expect(catalog.cache.status()).toEqual({ backend: 'memory', degraded: false });
    await catalog.cache.set('a', 1, 60_000);
    await catalog.cache.set('b', 2, 60_000);
    await catalog.cache.set('c', 3, 60_000);
    expect(await catalog.cache.get('a')).toBe(1); // "a" is now the most recently used
    await catalog.cache.set('d', 4, 60_000);
    expect(await catalog.cache.get('b')).toBeUndefined();
    expect(await catalog.cache.get('a')).toBe(1);
    expect(await catalog.cache.get('c')).toBe(3);
    expect(await catalog.cache.get('d')).toBe(4);
  });
});

describe('in-memory cache bound in bytes', () => {
  let catalog: CatalogApp;

  beforeAll(async () => {
    catalog = await createCatalogApp({ env: { CACHE_MAX_BYTES: '4096' } });
  });
  afterAll(() => catalog?.app.close());

  it('evicts the least recently used values beyond CACHE_MAX_BYTES, however few entries there are', async () => {
    const page = (n: number) => ({ items: Array.from({ length: 10 }, (_, i) => `product ${n}-${i} `.repeat(10)) });
    for (let n = 0; n < 5; n++) await catalog.cache.set(`page-${n}`, page(n), 60_000);
    expect(await catalog.cache.get('page-4')).toEqual(page(4));
    expect(await catalog.cache.get('page-0')).toBeUndefined();
  });
});

describe('cache configuration errors stop start-up with the variable named', () => {
  it.each([
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ REDIS_TIMEOUT_MS: 'soon' }, 'REDIS_TIMEOUT_MS must be an integer number'],
    [{ REDIS_TIMEOUT_MS: '0' }, 'REDIS_TIMEOUT_MS must not be less than 10'],
    [{ CACHE_MAX_ENTRIES: '0' }, 'CACHE_MAX_ENTRIES must not be less than 1'],
    [{ CACHE_MAX_BYTES: '100' }, 'CACHE_MAX_BYTES must not be less than 1024'],
  ])('%j', async (env, message) => {
    await expect(createCatalogApp({ env })).rejects.toThrow(message);
  });

  it('refuses a namespace that would make ambiguous keys', async () => {
    await expect(createCatalogApp({ namespace: 'a b', env: {} })).rejects.toThrow('cache namespace must be');
  });
});
