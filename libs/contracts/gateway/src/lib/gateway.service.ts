import { type RouteTable, type ServiceDescriptor, type } from '@ms/contracts-common';
import type { OrderDto, OrderListDto } from '@ms/contracts-order-processing';
import type { CheckoutDto } from './dto/checkout.dto';

/** The gateway's own routes (the storefront's BFF, for a logged-in user), each declared once. */
export const GATEWAY_ROUTES = {
  /** Places the cart as an order (the same order again when a checkout is retried with its idempotency key). */
  checkout: {
    method: 'POST',
    path: '/api/checkout',
    access: 'public',
    body: type<CheckoutDto>(),
    response: type<OrderDto>(),
  },
  /** The logged-in user's orders, newest first. */
  listMyOrders: { method: 'GET', path: '/api/orders', access: 'public', response: type<OrderListDto>() },
} as const satisfies RouteTable;

/**
 * gateway: the public edge, owned by team edge. Its own handlers are the storefront's BFF routes (checkout and "my
 * orders", which call internal services for a logged-in user). Everything else it serves is not a Nest handler and so
 * not in this table: the storefront at `/`, the aggregated public OpenAPI at `/docs` and `/docs-json`, and
 * `/api/<service>/<path>`, forwarded to the public routes of public and hybrid services (read from their tables).
 */
export const GATEWAY_SERVICE = {
  name: 'gateway',
  accessibility: 'public',
  defaultPort: 3000,
  routes: Object.values(GATEWAY_ROUTES),
} as const satisfies ServiceDescriptor;

/** Where the edge forwards a service's public routes: `/api/<service>` + the route's own path. */
export const EDGE_API_PREFIX = '/api';

export function edgePath(serviceName: string, path: string): string {
  return `${EDGE_API_PREFIX}/${serviceName}${path}`;
}
