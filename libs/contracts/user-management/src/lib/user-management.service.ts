import { type RouteTable, type ServiceDescriptor, type } from '@ms/contracts-common';
import type {
  LoginDto,
  RegisterUserDto,
  SessionDto,
  UpdateUserStatusDto,
  UserDto,
  VerifiedTokenDto,
  VerifyTokenDto,
} from './dto/user.dto';

/**
 * user-management's routes, each declared once: the service binds its handlers to them (`@Handles`), the platform
 * checks access and callers by them, the gateway forwards the public ones and the typed client calls them.
 */
export const USER_MANAGEMENT_ROUTES = {
  register: {
    method: 'POST',
    path: '/users',
    access: 'public',
    body: type<RegisterUserDto>(),
    response: type<UserDto>(),
  },
  logIn: { method: 'POST', path: '/sessions', access: 'public', body: type<LoginDto>(), response: type<SessionDto>() },
  /** The account of the bearer access token. */
  getMe: { method: 'GET', path: '/users/me', access: 'public', response: type<UserDto>() },
  getUser: { method: 'GET', path: '/users/:id', access: 'internal', callers: ['gateway'], response: type<UserDto>() },
  /** The account an access token belongs to, checked against its current status (401 when rejected). */
  verifyToken: {
    method: 'POST',
    path: '/tokens/verify',
    access: 'internal',
    callers: ['gateway'],
    status: 200,
    body: type<VerifyTokenDto>(),
    response: type<VerifiedTokenDto>(),
  },
  setUserStatus: {
    method: 'PATCH',
    path: '/users/:id',
    access: 'internal',
    callers: ['gateway'],
    body: type<UpdateUserStatusDto>(),
    response: type<UserDto>(),
  },
} as const satisfies RouteTable;

/**
 * user-management: a hybrid service owned by team identity. Registration, login and "who am I" are public (the
 * gateway forwards them); reading accounts, verifying access tokens and disabling accounts are for the gateway (its
 * BFF) alone: `callers` in the table, enforced by the platform.
 */
export const USER_MANAGEMENT_SERVICE = {
  name: 'user-management',
  accessibility: 'hybrid',
  defaultPort: 3103,
  routes: Object.values(USER_MANAGEMENT_ROUTES),
} as const satisfies ServiceDescriptor;

/** Access tokens are JWTs issued by user-management for the storefront (the `iss` and `aud` claims). */
export const ACCESS_TOKEN_ISSUER = 'user-management';
export const ACCESS_TOKEN_AUDIENCE = 'storefront';
