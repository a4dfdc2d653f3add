import { CatalogApp, createCatalogApp } from '../test/catalog-service';
import { deleteNamespace, openRawRedis, REDIS_URL, uniqueNamespace } from '../test/redis-test-support';
import { cacheKey } from './cache-key';

const backend = REDIS_URL ? 'redis' : 'memory';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`CacheService on the ${backend} backend`, () => {
  const namespace = uniqueNamespace('service');
  let catalog: CatalogApp;

  beforeAll(async () => {
    catalog = await createCatalogApp({ namespace, env: { REDIS_URL } });
  });

  afterAll(async () => {
    await catalog?.app.close();
    if (REDIS_URL) {
      const raw = await openRawRedis(REDIS_URL);
      await deleteNamespace(raw, namespace);
      raw.destroy();
    }
  });

  beforeEach(() => {
    catalog.source.loads = 0;
  });

  it('serves a repeated search from the cache and a different one from the source', async () => {
    const first = await catalog.app.inject({ method: 'GET', url: '/products?q=lamp' });
    const second = await catalog.app.inject({ method: 'GET', url: '/products?q=lamp' });
    const other = await catalog.app.inject({ method: 'GET', url: '/products?q=chair' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual([
      { id: 1, name: 'desk lamp', price: 25 },
      { id: 2, name: 'floor lamp', price: 80 },
    ]);
    expect(second.json()).toEqual(first.json());
    expect(other.json()).toEqual([{ id: 3, name: 'chair', price: 45 }]);
    expect(catalog.source.loads).toBe(2);
  });

  it('stores, reads and deletes structured values, including null', async () => {
    const value = { name: 'lamp', tags: ['light', 'desk'], stock: { warehouse: 3 }, discontinued: null };
    await catalog.cache.set('product:1', value, 60_000);
    await catalog.cache.set('product:missing', null, 60_000);
    expect(await catalog.cache.get('product:1')).toEqual(value);
    expect(await catalog.cache.get('product:missing')).toBeNull();
    await catalog.cache.del('product:1');
    expect(await catalog.cache.get('product:1')).toBeUndefined();
  });

  it('returns a copy, so changing a result does not change the cache', async () => {
    await catalog.cache.set('product:copy', { stock: 3 }, 60_000);
    const read = await catalog.cache.get<{ stock: number }>('product:copy');
    if (!read) throw new Error('expected a cached value');
    read.stock = 0;
    expect(await catalog.cache.get('product:copy')).toEqual({ stock: 3 });
  });

  it('forgets entries after their TTL', async () => {
    await catalog.cache.set('short-lived', 'soon gone', 150);
    expect(await catalog.cache.get('short-lived')).toBe('soon gone');
    await delay(400);
    expect(await catalog.cache.get('short-lived')).toBeUndefined();
  });

  it('loads again once a read-through entry has expired', async () => {
    const load = jest.fn(async () => 'fresh');
    await catalog.cache.getOrSet('expiring', 150, load);
    await catalog.cache.getOrSet('expiring', 150, load);
    expect(load).toHaveBeenCalledTimes(1);
    await delay(400);
    await catalog.cache.getOrSet('expiring', 150, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one load between 20 concurrent misses of the same key', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = jest.fn(async () => {
      await gate;
      return { total: 42 };
    });
    const waiters = Array.from({ length: 20 }, () => catalog.cache.getOrSet('stampede', 60_000, load));
    release();
    const results = await Promise.all(waiters);
    expect(load).toHaveBeenCalledTimes(1);
    expect(results).toEqual(Array(20).fill({ total: 42 }));
    expect(await catalog.cache.get('stampede')).toEqual({ total: 42 });
  });

  it('rejects every waiter when the shared load fails, caches nothing, and loads again next time', async () => {
    const failing = jest.fn(async () => {
      await delay(20);
      throw new Error('database unavailable');
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => catalog.cache.getOrSet('failing', 60_000, failing)),
    );
    expect(failing).toHaveBeenCalledTimes(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('rejected'));
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toBe('database unavailable');
    expect(await catalog.cache.get('failing')).toBeUndefined();

    const succeeding = jest.fn(async () => 'recovered');
    await expect(catalog.cache.getOrSet('failing', 60_000, succeeding)).resolves.toBe('recovered');
    expect(succeeding).toHaveBeenCalledTimes(1);
  });

  it('returns but does not cache a load result of undefined', async () => {
    const load = jest.fn(async () => undefined);
    expect(await catalog.cache.getOrSet('nothing', 60_000, load)).toBeUndefined();
    expect(await catalog.cache.getOrSet('nothing', 60_000, load)).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refuses programming errors: empty key, bad TTL, undefined value', async () => {
    await expect(catalog.cache.get('')).rejects.toThrow('key must be a non-empty string');
    await expect(catalog.cache.set('k', 1, 0)).rejects.toThrow('ttlMs must be a positive integer');
    await expect(catalog.cache.set('k', 1, 1.5)).rejects.toThrow('ttlMs must be a positive integer');
    await expect(catalog.cache.set('k', undefined, 1_000)).rejects.toThrow('cannot store undefined');
    expect(() => catalog.cache.getOrSet('k', -1, async () => 1)).toThrow('ttlMs must be a positive integer');
  });

  it('reports the cache as up and not degraded in the readiness check', async () => {
    const res = await catalog.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json().info.cache).toEqual({ status: 'up', backend, degraded: false });
    expect(catalog.cache.status()).toEqual({ backend, degraded: false });
  });
});

(REDIS_URL ? describe : describe.skip)('CacheService key namespaces in a shared Redis (needs REDIS_URL)', () => {
  const url = REDIS_URL as string;
  const namespaceA = uniqueNamespace('a');
  const namespaceB = uniqueNamespace('b');
  let serviceA: CatalogApp;
  let serviceB: CatalogApp;
  let raw: Awaited<ReturnType<typeof openRawRedis>>;

  beforeAll(async () => {
    [serviceA, serviceB, raw] = await Promise.all([
      createCatalogApp({ namespace: namespaceA, env: { REDIS_URL: url } }),
      createCatalogApp({ namespace: namespaceB, env: { REDIS_URL: url } }),
      openRawRedis(url),
    ]);
  });

  afterAll(async () => {
    await Promise.all([serviceA?.app.close(), serviceB?.app.close()]);
    await deleteNamespace(raw, namespaceA);
    await deleteNamespace(raw, namespaceB);
    raw.destroy();
  });

  it('prefixes keys with the namespace, so two services with the same key do not collide', async () => {
    const key = cacheKey('products', { q: 'lamp' });
    await serviceA.cache.set(key, 'from A', 60_000);
    expect(await serviceB.cache.get(key)).toBeUndefined();
    await serviceB.cache.set(key, 'from B', 60_000);
    expect(await serviceA.cache.get(key)).toBe('from A');

    expect(await raw.exists(`${namespaceA}::${key}`)).toBe(1);
    expect(await raw.exists(`${namespaceB}::${key}`)).toBe(1);
    expect(await raw.exists(key)).toBe(0);
  });

  it('lets Redis expire entries too (PX), not only Keyv on read', async () => {
    await serviceA.cache.set('ttl-in-redis', 'x', 60_000);
    const remaining = await raw.pTTL(`${namespaceA}::ttl-in-redis`);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(60_000);
  });
});
