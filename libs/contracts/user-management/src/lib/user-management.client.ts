import { buildPath, type ServiceCaller } from '@ms/contracts-common';
import { USER_MANAGEMENT_SERVICE } from './user-management.service';
import type { UserDto, UserStatus, VerifiedTokenDto } from './dto/user.dto';

/**
 * Every 401 user-management answers for a bad access token carries this in its message (the rejection of a service
 * token never does), so callers can tell "the user's token is bad" from "our call was refused".
 */
export const ACCESS_TOKEN_REJECTED = 'access token rejected';

/**
 * True when `error` is user-management refusing an access token (invalid, expired, revoked or a disabled account):
 * the caller should answer its own client 401. The platform's internal client reports that as an error whose
 * `upstreamStatus` is 401.
 */
export function isAccessTokenRejection(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { upstreamStatus, message } = error as { upstreamStatus?: unknown; message?: unknown };
  return upstreamStatus === 401 && typeof message === 'string' && message.includes(ACCESS_TOKEN_REJECTED);
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
  verifyToken(token: string): Promise<VerifiedTokenDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'POST', path: '/tokens/verify', body: { token } });
  }

  /** The user, or a 404 rejection. */
  getUser(id: string): Promise<UserDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'GET', path: buildPath('/users/:id', { id }) });
  }

  /** Enables or disables an account; disabling also ends its existing sessions. */
  setStatus(id: string, status: UserStatus): Promise<UserDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, {
      method: 'PATCH',
      path: buildPath('/users/:id', { id }),
      body: { status },
    });
  }
}
