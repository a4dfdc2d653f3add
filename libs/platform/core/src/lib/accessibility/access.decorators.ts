import { applyDecorators, HttpCode, RequestMapping, RequestMethod, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RouteResponse, RouteSpec } from '@ms/contracts-common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';

export const HANDLER_ACCESS = 'ms:handler-access';
/** Marks controllers that the platform itself adds (health, metrics, internal docs). */
export const PLATFORM_CONTROLLER = 'ms:platform-controller';

/**
 * `public`: anyone, also through the edge. `internal`: other services with a service token.
 * `operational`: infrastructure endpoints (probes, metrics) reachable inside the cluster without a token and never
 * forwarded by the edge.
 */
export type HandlerAccess = 'public' | 'internal' | 'operational';

/** OpenAPI extension that carries a handler's access, so the docs can be split by it. */
export const ACCESS_EXTENSION = 'x-access';

/** Reachable by anyone, also through the gateway. Allowed only in public and hybrid services. */
export const Public = () =>
  applyDecorators(SetMetadata(HANDLER_ACCESS, 'public'), ApiExtension(ACCESS_EXTENSION, 'public'));

/**
 * Reachable only by other services presenting a service token for this service. Handlers are internal even
 * without this decorator; writing it documents the intent.
 */
export const Internal = () =>
  applyDecorators(
    SetMetadata(HANDLER_ACCESS, 'internal'),
    ApiExtension(ACCESS_EXTENSION, 'internal'),
    ApiHeader({
      name: 'x-service-token',
      required: true,
      description: 'Signed service token (audience: this service)',
    }),
  );

/** Infrastructure endpoint (probes, metrics): no token inside the cluster, never forwarded by the edge. */
export const Operational = () => SetMetadata(HANDLER_ACCESS, 'operational');

/**
 * A handler that may serve `Route`: it returns the declared response, or the reply it sent itself (`@Res()`), or
 * anything when the route declares no response.
 */
type HandlerOf<Route extends RouteSpec> = (
  ...args: never[]
) => Route extends { readonly response: unknown }
  ? RouteResponse<Route> | Promise<RouteResponse<Route>> | Promise<FastifyReply>
  : unknown;

/**
 * Binds a handler to a route declared in the service's contracts: its method, path, success status and access
 * (`@Public()` or `@Internal()`) all come from the declaration, so a path is written once and a handler that returns
 * something else than the declared response does not compile.
 */
export function Handles<Route extends RouteSpec>(route: Route) {
  return applyDecorators(
    RequestMapping({ method: RequestMethod[route.method], path: route.path }),
    route.access === 'public' ? Public() : Internal(),
    ...(route.status === undefined ? [] : [HttpCode(route.status)]),
  ) as <Handler extends HandlerOf<Route>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Handler>,
  ) => void;
}
