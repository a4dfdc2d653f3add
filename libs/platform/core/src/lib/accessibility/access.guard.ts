import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { findRoute, PLATFORM_ERROR_CODES, type ServiceDescriptor } from '@ms/contracts-common';
import { DomainError } from '../http/error-response';
import { SERVICE_DESCRIPTOR } from '../bootstrap/tokens';
import { HANDLER_ACCESS, HandlerAccess, PLATFORM_CONTROLLER } from './access.decorators';
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

/**
 * Global guard: public and operational handlers pass; internal ones need a valid service token for this service, from
 * a caller the route's `callers` (route table, contracts) allow. The platform's own internal handlers (internal docs)
 * take any valid token.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  /** Each handler's access per controller class, read from metadata once (it does not change after start). */
  private readonly accessByClass = new WeakMap<object, WeakMap<object, HandlerAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ServiceTokenService,
    @Inject(SERVICE_DESCRIPTOR) private readonly service: ServiceDescriptor,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.accessOf(context) !== 'internal') return true;

    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const header = request.headers[SERVICE_TOKEN_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) {
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        PLATFORM_ERROR_CODES.SERVICE_TOKEN_MISSING,
        `internal endpoint: ${SERVICE_TOKEN_HEADER} header missing`,
      );
    }
    let caller: VerifiedCaller;
    try {
      caller = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof ServiceTokenError) {
        throw new DomainError(HttpStatus.UNAUTHORIZED, PLATFORM_ERROR_CODES.SERVICE_TOKEN_INVALID, error.message);
      }
      throw error;
    }
    if (!this.mayCall(caller, context, request)) {
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        PLATFORM_ERROR_CODES.CALLER_NOT_ALLOWED,
        `${caller.service} may not call ${request.method} ${request.routeOptions.url}`,
      );
    }
    request.caller = caller;
    return true;
  }

  private accessOf(context: ExecutionContext): HandlerAccess {
    const controller = context.getClass();
    let byHandler = this.accessByClass.get(controller);
    if (!byHandler) this.accessByClass.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(context.getHandler());
    if (access === undefined) byHandler.set(context.getHandler(), (access = handlerAccess(this.reflector, context)));
    return access;
  }

  private mayCall(caller: VerifiedCaller, context: ExecutionContext, request: FastifyRequest): boolean {
    if (Reflect.getMetadata(PLATFORM_CONTROLLER, context.getClass()) === true) return true;
    const route = findRoute(this.service, request.method, request.routeOptions.url ?? '');
    if (!route) return false; // every own handler is in the table (checked at start-up): refuse what is not
    return route.callers === undefined || route.callers.includes(caller.service);
  }
}
