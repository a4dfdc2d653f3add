import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * product-search: a hybrid service owned by team catalog. The catalogue is public (the gateway forwards it); the batch
 * look-up that prices a checkout is for order-processing alone (`callers`, enforced by the platform).
 * The platform checks this route table against the controllers at start-up; the gateway forwards its public routes.
 */
export const PRODUCT_SEARCH_SERVICE = {
  name: 'product-search',
  accessibility: 'hybrid',
  defaultPort: 3101,
  routes: [
    { method: 'GET', path: '/info', access: 'public' },
    { method: 'GET', path: '/products', access: 'public' },
    { method: 'GET', path: '/products/:id', access: 'public' },
    { method: 'GET', path: '/products/:id/image', access: 'public' },
    { method: 'GET', path: '/categories', access: 'public' },
    { method: 'POST', path: '/products/lookup', access: 'internal', callers: ['order-processing'] },
  ],
} as const satisfies ServiceDescriptor;
