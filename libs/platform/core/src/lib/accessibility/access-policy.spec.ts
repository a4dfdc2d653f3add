import { Controller, Get, Module } from '@nestjs/common';
import type { RouteSpec, ServiceDescriptor } from '@ms/contracts-common';
import { createServiceApp } from '../bootstrap/create-service-app';
import { testEnv } from '../../test/sample-service';
import { Internal, Public } from './access.decorators';

@Controller('things')
class ThingsController {
  @Public()
  @Get()
  list() {
    return [];
  }

  @Internal()
  @Get(':id')
  one() {
    return {};
  }

  @Get('unmarked/stats')
  stats() {
    return {};
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const routes = [
  { method: 'GET', path: '/things', access: 'public' },
  { method: 'GET', path: '/things/:id', access: 'internal' },
  { method: 'GET', path: '/things/unmarked/stats', access: 'internal' },
] as const;

const service = (
  accessibility: ServiceDescriptor['accessibility'],
  table: readonly RouteSpec[] = routes,
): ServiceDescriptor => ({
  name: 'things',
  accessibility,
  defaultPort: 3998,
  routes: table,
});

describe('access policy at start-up', () => {
  it('refuses a public handler in an internal service, naming it', async () => {
    await expect(createServiceApp(ThingsModule, service('internal'), testEnv())).rejects.toThrow(
      'ThingsController.list (GET /things) is public, but things is a internal service',
    );
  });

  it('refuses an internal (also unmarked) handler in a public service, naming it', async () => {
    const start = createServiceApp(ThingsModule, service('public'), testEnv());
    await expect(start).rejects.toThrow(
      'ThingsController.one (GET /things/:id) is internal, but things is a public service',
    );
    await expect(createServiceApp(ThingsModule, service('public'), testEnv())).rejects.toThrow(
      'ThingsController.stats (GET /things/unmarked/stats) is internal',
    );
  });

  it('accepts both kinds in a hybrid service', async () => {
    const app = await createServiceApp(ThingsModule, service('hybrid'), testEnv());
    await app.close();
  });

  it('refuses a handler missing from the route table', async () => {
    await expect(createServiceApp(ThingsModule, service('hybrid', routes.slice(0, 2)), testEnv())).rejects.toThrow(
      'ThingsController.stats (GET /things/unmarked/stats) is missing from the route table of things',
    );
  });

  it('refuses a route table entry whose access differs from the code', async () => {
    const table = [routes[0], { ...routes[1], access: 'public' as const }, routes[2]];
    await expect(createServiceApp(ThingsModule, service('hybrid', table), testEnv())).rejects.toThrow(
      'ThingsController.one (GET /things/:id) is internal in code but public in the route table',
    );
  });

  it('refuses a route table entry with no handler', async () => {
    const table = [...routes, { method: 'DELETE' as const, path: '/things/:id', access: 'internal' as const }];
    await expect(createServiceApp(ThingsModule, service('hybrid', table), testEnv())).rejects.toThrow(
      'route table lists DELETE /things/:id, but no handler serves it',
    );
  });

  it('refuses callers on a public route (they limit internal routes only)', async () => {
    const table = [{ ...routes[0], callers: ['gateway'] }, routes[1], routes[2]];
    await expect(createServiceApp(ThingsModule, service('hybrid', table), testEnv())).rejects.toThrow(
      'its route table entry cannot limit callers',
    );
  });
});
