import type { ServiceDescriptor } from '@ms/contracts-common';

/**
 * user-management: a hybrid service owned by team identity. Registration, login and "who am I" are public (the
 * gateway forwards them); reading accounts, verifying access tokens and disabling accounts are for the gateway (its
 * BFF) alone: `callers` in the table, enforced by the platform.
 * The platform checks this route table against the controllers at start-up; the gateway forwards its public routes.
 */
export const USER_MANAGEMENT_SERVICE = {
  name: 'user-management',
  accessibility: 'hybrid',
  defaultPort: 3103,
  routes: [
    { method: 'POST', path: '/users', access: 'public' },
    { method: 'POST', path: '/sessions', access: 'public' },
    { method: 'GET', path: '/users/me', access: 'public' },
    { method: 'GET', path: '/users/:id', access: 'internal', callers: ['gateway'] },
    { method: 'POST', path: '/tokens/verify', access: 'internal', callers: ['gateway'] },
    { method: 'PATCH', path: '/users/:id', access: 'internal', callers: ['gateway'] },
  ],
} as const satisfies ServiceDescriptor;

/** Access tokens are JWTs issued by user-management for the storefront (the `iss` and `aud` claims). */
export const ACCESS_TOKEN_ISSUER = 'user-management';
export const ACCESS_TOKEN_AUDIENCE = 'storefront';
