import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ACCESS_TOKEN_MAX_LENGTH,
  isAccessTokenRejection,
  USER_MANAGEMENT_ERROR_CODES,
  UserManagementClient,
  type UserDto,
} from '@ms/contracts-user-management';
import { DomainError } from '@ms/platform-core';

type RequestWithUser = FastifyRequest & { user?: UserDto };

/**
 * The storefront's logged-in user: `Authorization: Bearer <access token>`, verified by user-management (its internal
 * `verifyToken` route, which also checks that the account is still active). No token or a rejected one → 401.
 * Runs before validation, so an anonymous request learns nothing about its body.
 */
@Injectable()
export class UserAuthGuard implements CanActivate {
  constructor(private readonly users: UserManagementClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const token = bearerToken(request.headers.authorization);
    try {
      request.user = (await this.users.verifyToken(token)).user;
      return true;
    } catch (error) {
      if (isAccessTokenRejection(error)) {
        // The storefront tells an expired session from a rejected one by user-management's code, passed on.
        throw new DomainError(
          HttpStatus.UNAUTHORIZED,
          error.upstreamCode,
          'your session is invalid or has expired: please log in again',
        );
      }
      throw error; // user-management down or failing: its 503/504/502, not a 401
    }
  }
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new UnauthorizedException('log in first: send Authorization: Bearer <access token>');
  if (match[1].length > ACCESS_TOKEN_MAX_LENGTH) {
    throw new DomainError(
      HttpStatus.UNAUTHORIZED,
      USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
      'access token is malformed',
    );
  }
  return match[1];
}

/** The user UserAuthGuard verified. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserDto => {
  const user = context.switchToHttp().getRequest<RequestWithUser>().user;
  if (!user) throw new UnauthorizedException('log in first');
  return user;
});
