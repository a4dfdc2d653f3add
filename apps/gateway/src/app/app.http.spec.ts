import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { startTestService, type TestService } from '@ms/platform-testing';
import { AppModule } from './app.module';

/** The service over HTTP, built as in production, on real backends (see @ms/platform-testing). */
describe('gateway over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(AppModule, GATEWAY_SERVICE);
  });
  afterAll(() => service?.close());

  /** Internal routes need a service token, public ones nothing: read from the route table, like the guard. */
  const headersFor = (method: string, path: string): Record<string, string> => {
    const route = GATEWAY_SERVICE.routes.find((r) => r.method === method && r.path === path);
    return route?.access === 'internal' ? service.serviceTokenHeaders() : {};
  };

  it('refuses every internal route without a service token', async () => {
    for (const route of GATEWAY_SERVICE.routes.filter((r) => r.access === 'internal')) {
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
    expect(res.json()).toMatchObject({ name: 'gateway', accessibility: 'public' });
  });

  it('is ready and documents only its public routes', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const docs = (await service.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const publicPaths = new Set(GATEWAY_SERVICE.routes.filter((r) => r.access === 'public').map((r) => r.path.replace(/:(\w+)/g, '{$1}')));
    expect(new Set(Object.keys(docs.paths))).toEqual(publicPaths);
  });
});
