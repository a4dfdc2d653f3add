import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserDto } from '@ms/contracts-user-management';
import { AccessTokenRejected } from './access-tokens';
import { AuthService } from './auth.service';

type RequestWithUser = FastifyRequest & { user?: UserDto };

/** `Authorization: Bearer <token>` → the token, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Admits requests with a valid access token of an active account (see AuthService.authenticate) and puts the user on
 * the request for @CurrentUser(). Otherwise 401 with a `WWW-Authenticate: Bearer` challenge (RFC 6750).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      void reply.header('www-authenticate', 'Bearer realm="storefront"');
      throw new AccessTokenRejected('Authorization: Bearer <access token> header missing');
    }
    try {
      request.user = await this.auth.authenticate(token);
      return true;
    } catch (error) {
      if (error instanceof AccessTokenRejected) {
        void reply.header('www-authenticate', 'Bearer realm="storefront", error="invalid_token"');
      }
      throw error;
    }
  }
}

/** The user BearerAuthGuard admitted. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserDto => {
  const user = context.switchToHttp().getRequest<RequestWithUser>().user;
  if (!user) throw new Error('CurrentUser used on a handler without BearerAuthGuard');
  return user;
});
