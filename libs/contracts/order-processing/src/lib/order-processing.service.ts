import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * order-processing: an internal service owned by team orders. Every handler needs a service token; the gateway
 * reaches it only through its BFF routes (e.g. checkout), never by forwarding, and is the only service allowed to
 * call it (`callers`).
 * The platform checks this route table against the controllers at start-up.
 */
export const ORDER_PROCESSING_SERVICE = {
  name: 'order-processing',
  accessibility: 'internal',
  defaultPort: 3104,
  routes: [
    { method: 'POST', path: '/orders', access: 'internal', callers: ['gateway'] },
    { method: 'GET', path: '/orders', access: 'internal', callers: ['gateway'] },
    { method: 'GET', path: '/orders/:id', access: 'internal', callers: ['gateway'] },
    { method: 'PATCH', path: '/orders/:id/status', access: 'internal', callers: ['gateway'] },
  ],
} as const satisfies ServiceDescriptor;
