import { Logger } from '@nestjs/common';
import { CatalogApp, createCatalogApp } from '../test/catalog-service';
import {
  deleteNamespace,
  openRawRedis,
  REDIS_URL,
  TcpProxy,
  uniqueNamespace,
  waitFor,
  within,
} from '../test/redis-test-support';

const NO_HANG_MS = 3_000;
/** Reconnect backoff is capped at 2 s; recovery must show well within this. */
const RECOVERY_MS = 8_000;

(REDIS_URL ? describe : describe.skip)('Redis going away and coming back mid-run (needs REDIS_URL)', () => {
  const target = new URL(REDIS_URL ?? 'redis://127.0.0.1:6379');
  const namespace = uniqueNamespace('recovery');
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
  let catalog: CatalogApp;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  const search = async (q: string) => {
    const res = await within(NO_HANG_MS, catalog.app.inject({ method: 'GET', url: `/products?q=${q}` }), 'request');
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const cacheStatus = async () => {
    const res = await within(NO_HANG_MS, catalog.app.inject({ method: 'GET', url: '/health/ready' }), 'readiness');
    expect(res.statusCode).toBe(200);
    return res.json().info.cache;
  };
  const messages = (spy: jest.SpyInstance, prefix: string) =>
    spy.mock.calls.map(([message]) => String(message)).filter((message) => message.startsWith(prefix));

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    log = jest.spyOn(Logger.prototype, 'log');
    await proxy.start();
    const url = new URL(REDIS_URL as string);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    catalog = await createCatalogApp({ namespace, env: { REDIS_URL: url.toString(), REDIS_TIMEOUT_MS: '300' } });
  });

  afterAll(async () => {
    warn.mockRestore();
    log.mockRestore();
    await within(NO_HANG_MS, catalog.app.close(), 'app.close()');
    await proxy.stop();
    const raw = await openRawRedis(REDIS_URL as string);
    await deleteNamespace(raw, namespace);
    raw.destroy();
  });

  it('caches while Redis is reachable', async () => {
    await search('lamp');
    await search('lamp');
    expect(catalog.source.loads).toBe(1);
    expect(await cacheStatus()).toEqual({ status: 'up', backend: 'redis', degraded: false });
  });

  it('degrades when the connection drops: requests go to the source, one warning', async () => {
    await proxy.stop();
    await waitFor(async () => (await cacheStatus()).degraded === true, RECOVERY_MS, 'degraded cache');
    catalog.source.loads = 0;
    for (let i = 0; i < 10; i += 1) await search('lamp');
    expect(catalog.source.loads).toBe(10);
    expect(messages(warn, 'cache unavailable')).toHaveLength(1);
  });

  it('recovers by itself when Redis is back, with one log line', async () => {
    await proxy.start(); // same port
    await waitFor(async () => (await cacheStatus()).degraded === false, RECOVERY_MS, 'recovered cache');
    expect(messages(log, 'cache recovered')).toHaveLength(1);
    catalog.source.loads = 0;
    await search('chair');
    await search('chair');
    expect(catalog.source.loads).toBe(1);
  });

  it('bypasses a stalled Redis after one bounded wait and recovers when it answers again', async () => {
    proxy.pause();
    catalog.source.loads = 0;
    // The first request waits at most the command timeout, then the cache is off and requests go straight through.
    for (let i = 0; i < 5; i += 1) await search('desk');
    expect(catalog.source.loads).toBe(5);
    expect((await cacheStatus()).degraded).toBe(true);
    expect(messages(warn, 'cache unavailable')).toHaveLength(2);

    proxy.resume();
    await waitFor(async () => (await cacheStatus()).degraded === false, RECOVERY_MS, 'recovered cache');
    expect(messages(log, 'cache recovered')).toHaveLength(2);
  });
});
