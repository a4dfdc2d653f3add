import type { RouteSpec } from './service-descriptor';
import { buildPath, type ServiceCaller, type ServiceRequest } from './service-caller';
import type { ServiceDescriptor } from './service-descriptor';

/**
 * A compile-time type slot in a route declaration (as ts-rest's `c.type<T>()`): `response: type<ProductDto>()`.
 * It holds no value at run time, so a route table can be imported anywhere, the browser included.
 */
export function type<T>(): T {
  return undefined as T;
}

/** The `:name` placeholders of a path: `ParamNames<'/shelves/:shelf/books/:bookId'>` is `'shelf' | 'bookId'`. */
export type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** Values for a path's placeholders, each URL-encoded by `buildPath`. */
export type PathParams<Path extends string> = { readonly [Name in ParamNames<Path>]: string | number };

/** What a route answers with (`void` when its declaration has no `response`). */
export type RouteResponse<Route extends RouteSpec> = Route extends { readonly response: infer Response }
  ? Response
  : void;

/** The body a route declares (`never` when it declares none). */
export type RouteBody<Route extends RouteSpec> = Route extends { readonly body: infer Body } ? Body : never;

/** The query a route declares (`never` when it declares none). */
export type RouteQuery<Route extends RouteSpec> = Route extends { readonly query: infer Query } ? Query : never;

/** What a caller passes to call a route: its path parameters, body and query, exactly as the route declares them. */
export type RouteInput<Route extends RouteSpec> = ([ParamNames<Route['path']>] extends [never]
  ? unknown
  : { readonly params: PathParams<Route['path']> }) &
  ([RouteBody<Route>] extends [never] ? unknown : { readonly body: RouteBody<Route> }) &
  ([RouteQuery<Route>] extends [never] ? unknown : { readonly query?: RouteQuery<Route> }) &
  Pick<ServiceRequest, 'headers' | 'timeoutMs'>;

/** The concrete path of `route` with `params` filled in: `routePath(ROUTES.getUser, { id })` → `/things/1c…`. */
export function routePath<Route extends RouteSpec>(route: Route, params?: PathParams<Route['path']>): string {
  return buildPath(route.path, (params ?? {}) as Record<string, string | number>);
}

/**
 * Calls one of `service`'s declared routes through `caller` (the platform's InternalHttpClient): method and path come
 * from the declaration, the input and the answer are typed by it. Typed clients in contracts libraries are made of these.
 */
export async function callRoute<Route extends RouteSpec>(
  caller: ServiceCaller,
  service: ServiceDescriptor,
  route: Route,
  ...[input]: object extends RouteInput<Route> ? [RouteInput<Route>?] : [RouteInput<Route>]
): Promise<RouteResponse<Route>> {
  const { params, body, query, headers, timeoutMs } = (input ?? {}) as {
    params?: Record<string, string | number>;
    body?: unknown;
    query?: ServiceRequest['query'];
  } & Pick<ServiceRequest, 'headers' | 'timeoutMs'>;
  return caller.call(service, {
    method: route.method,
    path: buildPath(route.path, params ?? {}),
    ...(query === undefined ? {} : { query: { ...query } }),
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}
