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
    { method: 'GET', path: '/products', access: 'public' },
    { method: 'GET', path: '/products/:id', access: 'public' },
    { method: 'GET', path: '/products/:id/image', access: 'public' },
    { method: 'GET', path: '/categories', access: 'public' },
  ],
} as const satisfies ServiceDescriptor;
