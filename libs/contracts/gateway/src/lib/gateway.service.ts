import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * gateway: a public service owned by team edge.
 * The platform checks this route table against the controllers at start-up; the gateway forwards its public routes.
 */
export const GATEWAY_SERVICE = {
  name: 'gateway',
  accessibility: 'public',
  defaultPort: 3000,
  routes: [
    { method: 'GET', path: '/info', access: 'public' },
  ],
} as const satisfies ServiceDescriptor;
