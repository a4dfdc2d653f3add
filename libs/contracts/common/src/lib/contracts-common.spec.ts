import {
  allowedRouteAccess,
  buildPath,
  defineEvent,
  publicRoutes,
  serviceUrlVariable,
  ServiceDescriptor,
} from '../index';

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

  class OrderPlaced {
    readonly orderId!: string;
  }

  it('declares events with a checked type, their payload class and a version', () => {
    expect(defineEvent('order.placed', OrderPlaced)).toEqual({
      type: 'order.placed',
      version: 1,
      payloadClass: OrderPlaced,
    });
    expect(defineEvent('stock.reservation-failed', OrderPlaced, 2)).toMatchObject({ version: 2 });
  });

  it('refuses an event type that is not lower-case dotted words, a bad version or no payload class, naming it', () => {
    expect(() => defineEvent('OrderPlaced', OrderPlaced)).toThrow('event type "OrderPlaced" must be lower-case words');
    expect(() => defineEvent('order..placed', OrderPlaced)).toThrow('"order..placed"');
    expect(() => defineEvent('order.placed', OrderPlaced, 0)).toThrow('version must be a positive integer');
    expect(() => defineEvent('order.placed', undefined as unknown as typeof OrderPlaced)).toThrow(
      'event "order.placed": its payload class is missing',
    );
  });
});
