import { callRoute, type ServiceCaller } from '@ms/contracts-common';
import { USER_MANAGEMENT_ROUTES as ROUTES, USER_MANAGEMENT_SERVICE } from './user-management.service';
import type { UserStatus } from './dto/user.dto';

/** The `code`s of user-management's own error bodies: what callers match on (the messages are for people). */
export const USER_MANAGEMENT_ERROR_CODES = {
  /** 401: the access token is missing, invalid, revoked, or its account is disabled. */
  ACCESS_TOKEN_REJECTED: 'ACCESS_TOKEN_REJECTED',
  /** 401: the access token was valid but has expired: log in again. */
  ACCESS_TOKEN_EXPIRED: 'ACCESS_TOKEN_EXPIRED',
  /** 401: login refused (unknown email, wrong password or a disabled account; deliberately not told apart). */
  LOGIN_FAILED: 'LOGIN_FAILED',
} as const;

/** The codes of a refused access token (a refused service token has the platform's SERVICE_TOKEN_* codes instead). */
const ACCESS_TOKEN_REJECTION_CODES: ReadonlySet<string> = new Set([
  USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
  USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_EXPIRED,
]);

/** What a caller knows of user-management's refusal of an access token: its status, and which code it answered. */
export interface AccessTokenRejection {
  readonly upstreamStatus: 401;
  readonly upstreamCode: string;
}

/**
 * True when `error` is user-management refusing an access token (invalid, expired, revoked or a disabled account):
 * the caller should answer its own client 401. The platform's internal client reports that as an error whose
 * `upstreamStatus` is 401 and whose `upstreamCode` is the code user-management answered.
 */
export function isAccessTokenRejection(error: unknown): error is AccessTokenRejection {
  if (!error || typeof error !== 'object') return false;
  const { upstreamStatus, upstreamCode } = error as { upstreamStatus?: unknown; upstreamCode?: unknown };
  return upstreamStatus === 401 && typeof upstreamCode === 'string' && ACCESS_TOKEN_REJECTION_CODES.has(upstreamCode);
}

/**
 * Typed calls to user-management for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new UserManagementClient(internalHttpClient)`.
 */
export class UserManagementClient {
  constructor(private readonly caller: ServiceCaller) {}

  /**
   * The account an access token belongs to, checked against its current status. Rejects when the token is invalid,
   * expired or the account disabled (`isAccessTokenRejection(error)` is then true).
   */
  verifyToken(token: string) {
    return callRoute(this.caller, USER_MANAGEMENT_SERVICE, ROUTES.verifyToken, { body: { token } });
  }

  /** The user, or a 404 rejection. */
  getUser(id: string) {
    return callRoute(this.caller, USER_MANAGEMENT_SERVICE, ROUTES.getUser, { params: { id } });
  }

  /** Enables or disables an account; disabling also ends its existing sessions. */
  setStatus(id: string, status: UserStatus) {
    return callRoute(this.caller, USER_MANAGEMENT_SERVICE, ROUTES.setUserStatus, { params: { id }, body: { status } });
  }
}
