import { allowedRouteAccess, buildPath, publicRoutes, serviceUrlVariable, ServiceDescriptor } from '../index';

describe('contracts-common', () => {
  const service: ServiceDescriptor = {
    name: 'user-management',
    accessibility: 'hybrid',
    defaultPort: 3102,
    routes: [
      { method: 'POST', path: '/sessions', access: 'public' },
      { method: 'GET', path: '/users/:id', access: 'internal' },
    ],
  };

  it('lists only public routes for the edge', () => {
    expect(publicRoutes(service)).toEqual([{ method: 'POST', path: '/sessions', access: 'public' }]);
  });

  it('allows route accesses by service level', () => {
    expect(allowedRouteAccess('public')).toEqual(['public']);
    expect(allowedRouteAccess('internal')).toEqual(['internal']);
    expect(allowedRouteAccess('hybrid')).toEqual(['public', 'internal']);
  });

  it('fills and encodes path parameters', () => {
    expect(buildPath('/users/:id/orders/:orderId', { id: 'a b/c', orderId: 7 })).toBe('/users/a%20b%2Fc/orders/7');
  });

  it('refuses a missing path parameter', () => {
    expect(() => buildPath('/users/:id', {})).toThrow('missing value for ":id"');
  });

  it('names the URL override variable after the service', () => {
    expect(serviceUrlVariable('order-processing')).toBe('ORDER_PROCESSING_URL');
  });
});
