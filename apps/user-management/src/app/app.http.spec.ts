import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { startTestService, type TestService } from '@ms/platform-testing';
import { AppModule } from './app.module';

/** The service over HTTP, built as in production, on real backends (see @ms/platform-testing). */
describe('user-management over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(AppModule, USER_MANAGEMENT_SERVICE, { database: true });
  });
  afterAll(() => service?.close());

  /** Internal routes need a service token, public ones nothing: read from the route table, like the guard. */
  const headersFor = (method: string, path: string): Record<string, string> => {
    const route = USER_MANAGEMENT_SERVICE.routes.find((r) => r.method === method && r.path === path);
    return route?.access === 'internal' ? service.serviceTokenHeaders() : {};
  };

  it('refuses every internal route without a service token', async () => {
    for (const route of USER_MANAGEMENT_SERVICE.routes.filter((r) => r.access === 'internal')) {
      const url = route.path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':key', 'k');
      const res = await service.app.inject({ method: route.method, url });
      expect({ route: `${route.method} ${route.path}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('describes itself', async () => {
    const res = await service.app.inject({ method: 'GET', url: '/info', headers: headersFor('GET', '/info') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'user-management', accessibility: 'hybrid' });
  });

  it('is ready and documents only its public routes', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const docs = (await service.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const publicPaths = new Set(USER_MANAGEMENT_SERVICE.routes.filter((r) => r.access === 'public').map((r) => r.path.replace(/:(\w+)/g, '{$1}')));
    expect(new Set(Object.keys(docs.paths))).toEqual(publicPaths);
  });

  describe('items (database)', () => {
    it('creates, reads and pages items', async () => {
      const created = await service.app.inject({
        method: 'POST',
        url: '/items',
        headers: headersFor('POST', '/items'),
        payload: { name: 'First', description: 'hello' },
      });
      expect(created.statusCode).toBe(201);
      const item = created.json();
      expect(item).toMatchObject({ name: 'First', description: 'hello' });

      const fetched = await service.app.inject({ method: 'GET', url: `/items/${item.id}`, headers: headersFor('GET', '/items/:id') });
      expect(fetched.json()).toEqual(item);

      const page = await service.app.inject({ method: 'GET', url: '/items?page=1&pageSize=10', headers: headersFor('GET', '/items') });
      expect(page.json()).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [item] });
    });

    it('answers 404 for a missing item and 400 for bad input', async () => {
      const missing = await service.app.inject({
        method: 'GET',
        url: '/items/00000000-0000-4000-8000-000000000000',
        headers: headersFor('GET', '/items/:id'),
      });
      expect(missing.statusCode).toBe(404);
      const invalid = await service.app.inject({ method: 'POST', url: '/items', headers: headersFor('POST', '/items'), payload: { name: '' } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().message).toContain('name');
      const tooBig = await service.app.inject({ method: 'GET', url: '/items?pageSize=1000', headers: headersFor('GET', '/items') });
      expect(tooBig.statusCode).toBe(400);
    });
  });
});
