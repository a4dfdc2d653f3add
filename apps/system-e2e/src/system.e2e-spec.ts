import { randomUUID } from 'node:crypto';
import { buildPath, serviceUrlVariable, type ServiceDescriptor } from '@ms/contracts-common';
import { SERVICES } from '@ms/contracts-registry';
import { call, gateway, newestProducts } from './support/system-client';

/** A concrete path for a route template (`:id` → a syntactically valid id). */
const concrete = (path: string) =>
  buildPath(
    path,
    Object.fromEntries([...path.matchAll(/:(\w+)/g)].map(([, name]) => [name, '00000000-0000-4000-8000-000000000000'])),
  );

const directUrl = (service: ServiceDescriptor) =>
  process.env[serviceUrlVariable(service.name)] ?? `http://127.0.0.1:${service.defaultPort}`;

describe('the reference system, started as npm start does', () => {
  it('finds seeded products, also with a misspelt word', async () => {
    const first = await call(`${gateway()}/api/product-search/products?pageSize=1&sort=newest`);
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThanOrEqual(1000);
    const word: string =
      first.body.items[0].name.split(/\s+/).find((w: string) => w.length >= 6) ??
      first.body.items[0].name.split(/\s+/)[0];

    const exact = await call(`${gateway()}/api/product-search/products?q=${encodeURIComponent(word)}`);
    expect(exact.status).toBe(200);
    expect(exact.body.total).toBeGreaterThan(0);
    expect(exact.body.items.map((p: { id: string }) => p.id)).toContain(first.body.items[0].id);

    const misspelt = word.slice(0, 2) + word.slice(3); // one letter dropped
    const fuzzy = await call(`${gateway()}/api/product-search/products?q=${encodeURIComponent(misspelt)}`);
    expect(fuzzy.status).toBe(200);
    expect(fuzzy.body.total).toBeGreaterThan(0);
  });

  it('registers, logs in and knows who is logged in; checkout is idempotent and my orders lists it', async () => {
    const email = `e2e-${randomUUID()}@example.test`;
    const password = 'correct horse battery staple 9';
    const registered = await call(`${gateway()}/api/user-management/users`, {
      method: 'POST',
      json: { email, password, displayName: 'E2E Shopper' },
    });
    expect(registered.status).toBe(201);
    expect(JSON.stringify(registered.body)).not.toMatch(/argon2|hash/i);

    const session = await call(`${gateway()}/api/user-management/sessions`, {
      method: 'POST',
      json: { email, password },
    });
    expect(session.status).toBe(201);
    const auth = { authorization: `Bearer ${session.body.accessToken}` };
    const me = await call(`${gateway()}/api/user-management/users/me`, { headers: auth });
    expect(me.body).toMatchObject({ email, displayName: 'E2E Shopper' });

    const products = (await newestProducts()).filter((p) => p.stock >= 10).slice(0, 2);
    const items = products.map((p) => ({ productId: p.id, quantity: 2 }));
    const key = randomUUID();
    const checkout = () =>
      call(`${gateway()}/api/checkout`, {
        method: 'POST',
        headers: { ...auth, 'idempotency-key': key },
        json: { items },
      });
    const [first, retry] = [await checkout(), await checkout()];
    expect(first.status).toBe(201);
    expect([200, 201]).toContain(retry.status);
    expect(retry.body.id).toBe(first.body.id);
    const expectedTotal = products.reduce((sum, p) => sum + 2 * p.priceCents, 0);
    expect(first.body.totalCents).toBe(expectedTotal);

    const orders = await call(`${gateway()}/api/orders`, { headers: auth });
    expect(orders.status).toBe(200);
    expect(orders.body.items.filter((o: { id: string }) => o.id === first.body.id)).toHaveLength(1);
    expect(orders.body.items).toHaveLength(1);
  });

  const internalRoutes = SERVICES.flatMap((service) =>
    service.routes
      .filter((route) => route.access === 'internal')
      .map((route) => [`${service.name} ${route.method} ${route.path}`, service, route] as const),
  );

  it('has internal routes to check', () => {
    expect(internalRoutes.length).toBeGreaterThan(0);
  });

  it.each(internalRoutes)(
    '%s is 404 through the gateway and 401 directly without a token',
    async (_, service, route) => {
      const path = concrete(route.path);
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      const viaEdge = await call(`${gateway()}/api/${service.name}${path}`, { method: route.method, json: body });
      expect(viaEdge).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      const direct = await call(`${directUrl(service)}${path}`, { method: route.method, json: body });
      expect(direct).toMatchObject({ status: 401, body: { code: 'SERVICE_TOKEN_MISSING' } });
    },
  );

  it('never forwards operational endpoints', async () => {
    for (const service of SERVICES.filter((s) => s.name !== 'gateway')) {
      for (const path of ['/metrics', '/health/ready', '/internal/docs-json']) {
        expect((await call(`${gateway()}/api/${service.name}${path}`)).status).toBe(404);
      }
    }
  });
});
