import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * gateway: the public edge, owned by team edge. Its own handlers are the storefront's BFF routes (checkout and "my
 * orders", which call internal services for a logged-in user). Everything else it serves is not a Nest handler and so
 * not in this table: the storefront at `/`, the aggregated public OpenAPI at `/docs` and `/docs-json`, and
 * `/api/<service>/<path>`, forwarded to the public routes of public and hybrid services (read from their tables).
 * The platform checks this route table against the controllers at start-up.
 */
export const GATEWAY_SERVICE = {
  name: 'gateway',
  accessibility: 'public',
  defaultPort: 3000,
  routes: [
    { method: 'POST', path: '/api/checkout', access: 'public' },
    { method: 'GET', path: '/api/orders', access: 'public' },
  ],
} as const satisfies ServiceDescriptor;

/** Where the edge forwards a service's public routes: `/api/<service>` + the route's own path. */
export const EDGE_API_PREFIX = '/api';

export function edgePath(serviceName: string, path: string): string {
  return `${EDGE_API_PREFIX}/${serviceName}${path}`;
}
