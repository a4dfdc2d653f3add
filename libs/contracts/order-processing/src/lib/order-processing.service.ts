import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * order-processing: a internal service owned by team orders.
 * The platform checks this route table against the controllers at start-up; the gateway forwards its public routes.
 */
export const ORDER_PROCESSING_SERVICE = {
  name: 'order-processing',
  accessibility: 'internal',
  defaultPort: 3104,
  routes: [
    { method: 'GET', path: '/info', access: 'internal' },
    { method: 'POST', path: '/items', access: 'internal' },
    { method: 'GET', path: '/items', access: 'internal' },
    { method: 'GET', path: '/items/:id', access: 'internal' },
  ],
} as const satisfies ServiceDescriptor;
