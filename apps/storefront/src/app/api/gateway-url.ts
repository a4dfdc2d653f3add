import { routePath, type PathParams, type RouteSpec, type ServiceDescriptor } from '@ms/contracts-common';
import { edgePath, GATEWAY_SERVICE } from '@ms/contracts-gateway/routes';

/**
 * The URL (on the gateway, same origin) of one of `service`'s declared routes: the gateway's own routes at their
 * declared path, every other service's public routes under the edge prefix (`edgePath`).
 */
export function gatewayUrl<Route extends RouteSpec>(
  service: ServiceDescriptor,
  route: Route,
  params?: PathParams<Route['path']>,
  query?: URLSearchParams,
): string {
  if (!service.routes.includes(route)) {
    throw new Error(`gatewayUrl: ${route.method} ${route.path} is not a route of ${service.name}`);
  }
  if (route.access !== 'public') {
    throw new Error(`gatewayUrl: ${route.method} ${route.path} of ${service.name} is internal (the edge refuses it)`);
  }
  const path = routePath(route, params);
  const url = service.name === GATEWAY_SERVICE.name ? path : edgePath(service.name, path);
  const search = query?.toString();
  return search ? `${url}?${search}` : url;
}
