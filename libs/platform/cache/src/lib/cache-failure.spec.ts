import net from 'node:net';
import { Logger } from '@nestjs/common';
import { CatalogApp, createCatalogApp } from '../test/catalog-service';
import { closedPort, uniqueNamespace, within } from '../test/redis-test-support';

/** Generous bounds: the point is "no hang", not speed. */
const NO_HANG_MS = 3_000;
/** Start-up also loads the Redis client (hundreds of modules, loaded only when REDIS_URL is set): slower under Jest. */
const START_UP_NO_HANG_MS = 20_000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cacheWarnings(spy: jest.SpyInstance): string[] {
  return spy.mock.calls
    .map(([message]) => String(message))
    .filter((message) => message.startsWith('cache unavailable'));
}

describe('Redis refusing connections (REDIS_URL points at a closed port)', () => {
  let catalog: CatalogApp;
  let warn: jest.SpyInstance;
  let closed = false;

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    const port = await closedPort();
    catalog = await within(
      START_UP_NO_HANG_MS,
      createCatalogApp({ namespace: uniqueNamespace('refused'), env: { REDIS_URL: `redis://127.0.0.1:${port}` } }),
      'start-up',
    );
  }, START_UP_NO_HANG_MS + 5_000);

  afterAll(async () => {
    warn.mockRestore();
    if (!closed) await catalog?.app.close();
  });

  it('answers cached routes from the source of truth without hanging', async () => {
    const res = await within(NO_HANG_MS, catalog.app.inject({ method: 'GET', url: '/products?q=lamp' }), 'request');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(2);
  });

  it('keeps serving every request from the source while reconnect attempts keep failing', async () => {
    catalog.source.loads = 0;
    for (let round = 0; round < 3; round += 1) {
      const responses = await within(
        NO_HANG_MS,
        Promise.all(Array.from({ length: 10 }, () => catalog.app.inject({ method: 'GET', url: '/products?q=chair' }))),
        '10 requests',
      );
      expect(responses.map((res) => res.statusCode)).toEqual(Array(10).fill(200));
      await delay(400); // let reconnect attempts fail in between
    }
    // Requests that overlap share one load; rounds that follow one another each load (nothing is cached).
    expect(catalog.source.loads).toBeGreaterThanOrEqual(3);
    expect(await catalog.cache.get('anything')).toBeUndefined();
  });

  it('reports the cache as degraded in readiness without making the service unready', async () => {
    const res = await within(NO_HANG_MS, catalog.app.inject({ method: 'GET', url: '/health/ready' }), 'readiness');
    expect(res.statusCode).toBe(200);
    expect(res.json().info.cache).toEqual({
      status: 'up',
      backend: 'redis',
      degraded: true,
      reason: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('logged the outage once, not per request or per reconnect attempt', () => {
    expect(cacheWarnings(warn)).toHaveLength(1);
    expect(cacheWarnings(warn)[0]).toMatch(
      /cache unavailable \(redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.*\); serving from the source of truth/,
    );
  });

  it('closes promptly although Redis is unreachable', async () => {
    closed = true;
    await within(NO_HANG_MS, catalog.app.close(), 'app.close()');
  });
});

describe('Redis accepting connections but never answering', () => {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let catalog: CatalogApp;
  let closed = false;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    catalog = await within(
      START_UP_NO_HANG_MS,
      createCatalogApp({
        namespace: uniqueNamespace('silent'),
        env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_TIMEOUT_MS: '300' },
      }),
      'start-up',
    );
  }, START_UP_NO_HANG_MS + 5_000);

  afterAll(async () => {
    if (!closed) await catalog?.app.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('starts, answers from the source and reports why the cache is off', async () => {
    const res = await within(NO_HANG_MS, catalog.app.inject({ method: 'GET', url: '/products?q=lamp' }), 'request');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(2);
    const ready = await within(NO_HANG_MS, catalog.app.inject({ method: 'GET', url: '/health/ready' }), 'readiness');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info.cache).toEqual({
      status: 'up',
      backend: 'redis',
      degraded: true,
      reason: 'no answer within 300 ms',
    });
  });

  it('closes promptly', async () => {
    closed = true;
    await within(NO_HANG_MS, catalog.app.close(), 'app.close()');
  });
});
