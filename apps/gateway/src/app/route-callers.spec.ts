import { SERVICES } from '@ms/contracts-registry';

/** The registry's route tables are the whole truth about who may call what: every caller they name must exist. */
describe('allowed callers in the route tables', () => {
  const names = new Set(SERVICES.map((service) => service.name));
  const internalRoutes = SERVICES.flatMap((service) =>
    service.routes
      .filter((route) => route.access === 'internal')
      .map((route) => ({ route: `${service.name} ${route.method} ${route.path}`, callers: route.callers })),
  );

  it('name only services of this system, never the service itself', () => {
    for (const { route, callers } of internalRoutes) {
      const self = route.split(' ')[0];
      expect({ route, unknown: (callers ?? []).filter((caller) => !names.has(caller) || caller === self) }).toEqual({
        route,
        unknown: [],
      });
    }
  });

  it('are declared on every internal route of the reference system', () => {
    expect(internalRoutes.filter(({ callers }) => callers === undefined).map(({ route }) => route)).toEqual([]);
  });
});
