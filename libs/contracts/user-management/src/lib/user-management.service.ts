import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * user-management: a hybrid service owned by team identity.
 * The platform checks this route table against the controllers at start-up; the gateway forwards its public routes.
 */
export const USER_MANAGEMENT_SERVICE = {
  name: 'user-management',
  accessibility: 'hybrid',
  defaultPort: 3103,
  routes: [
    { method: 'GET', path: '/info', access: 'public' },
    { method: 'GET', path: '/info/runtime', access: 'internal' },
    { method: 'POST', path: '/items', access: 'internal' },
    { method: 'GET', path: '/items', access: 'public' },
    { method: 'GET', path: '/items/:id', access: 'public' },
  ],
} as const satisfies ServiceDescriptor;
