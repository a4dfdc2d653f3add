import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * product-search: a public service owned by team catalog.
 * The platform checks this route table against the controllers at start-up; the gateway forwards its public routes.
 */
export const PRODUCT_SEARCH_SERVICE = {
  name: 'product-search',
  accessibility: 'public',
  defaultPort: 3101,
  routes: [
    { method: 'GET', path: '/info', access: 'public' },
    { method: 'POST', path: '/items', access: 'public' },
    { method: 'GET', path: '/items', access: 'public' },
    { method: 'GET', path: '/items/:id', access: 'public' },
    { method: 'PUT', path: '/files/:key', access: 'public' },
    { method: 'GET', path: '/files/:key', access: 'public' },
    { method: 'GET', path: '/summary', access: 'public' },
  ],
} as const satisfies ServiceDescriptor;
