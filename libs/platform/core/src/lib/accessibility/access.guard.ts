import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { HANDLER_ACCESS, HandlerAccess } from './access.decorators';
import { SERVICE_TOKEN_HEADER, ServiceTokenError, ServiceTokenService, VerifiedCaller } from './service-token.service';

export type RequestWithCaller = FastifyRequest & { caller?: VerifiedCaller };

/** Handler access from metadata; unmarked handlers are internal (safe by default). */
export function handlerAccess(reflector: Reflector, context: ExecutionContext): HandlerAccess {
  return (
    reflector.getAllAndOverride<HandlerAccess | undefined>(HANDLER_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]) ?? 'internal'
  );
}

/** Global guard: public and operational handlers pass; internal ones need a valid service token for this service. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ServiceTokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (handlerAccess(this.reflector, context) !== 'internal') return true;

    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const header = request.headers[SERVICE_TOKEN_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) throw new UnauthorizedException(`internal endpoint: ${SERVICE_TOKEN_HEADER} header missing`);
    try {
      request.caller = this.tokens.verify(token);
      return true;
    } catch (error) {
      if (error instanceof ServiceTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
