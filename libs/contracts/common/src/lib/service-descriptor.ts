/**
 * What every service publishes about itself in its contracts library: its name, how reachable it is, the port it
 * listens on by default and the table of its HTTP routes. The platform checks the table against the real
 * controllers at start-up, so the gateway, the docs and the typed clients can all trust it.
 */
export const ACCESS_LEVELS = ['public', 'internal', 'hybrid'] as const;
/** How reachable a whole service is. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The persistence adapters a service may run with (each a platform library: platform-database, …). */
export const PERSISTENCE_ADAPTERS = ['database', 'file-storage', 'cache'] as const;
export type PersistenceAdapter = (typeof PERSISTENCE_ADAPTERS)[number];

/** What a service's `info` route answers: derived by the platform from its descriptor and its running adapters. */
export interface ServiceInfo {
  readonly name: string;
  readonly accessibility: AccessLevel;
  readonly persistence: readonly PersistenceAdapter[];
}

/** How reachable one route is: public routes are served through the edge, internal ones need a service token. */
export type RouteAccess = 'public' | 'internal';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * One HTTP route, declared once in its service's contracts library. The declaration drives the handler's binding
 * (`@Handles(route)` in the service), the route table (edge forwarding, access checks, allowed callers, docs) and the
 * typed client (`callRoute`). `body`, `query` and `response` are compile-time types: `response: type<ProductDto>()`.
 */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** Path with `:param` placeholders, e.g. `/things/:id`. */
  readonly path: string;
  readonly access: RouteAccess;
  /** Success status when it is not the method's default (201 for POST, 200 otherwise), e.g. 200 for a POST query. */
  readonly status?: number;
  readonly body?: unknown;
  readonly query?: unknown;
  readonly response?: unknown;
  /**
   * Internal routes: the services (by name, as in the registry) whose service tokens may call this route; any other
   * caller gets 403. Left out, every caller with a valid token may (generated skeletons, until their team decides).
   */
  readonly callers?: readonly string[];
}

export interface ServiceDescriptor {
  /** Kebab-case service name; also its database name, its token audience and its URL segment at the edge. */
  readonly name: string;
  readonly accessibility: AccessLevel;
  /** Port used when PORT is unset (unique per service, so every service can run on one machine). */
  readonly defaultPort: number;
  readonly routes: readonly RouteSpec[];
}

/** A service's routes by name: `{ getThing: { method: 'GET', path: '/things/:id', … } }`. */
export type RouteTable = Readonly<Record<string, RouteSpec>>;

/** Route accesses a service of the given level may contain. */
export function allowedRouteAccess(level: AccessLevel): readonly RouteAccess[] {
  switch (level) {
    case 'public':
      return ['public'];
    case 'internal':
      return ['internal'];
    case 'hybrid':
      return ['public', 'internal'];
  }
}

/** The routes of a service that the edge may forward. */
export function publicRoutes(service: ServiceDescriptor): RouteSpec[] {
  return service.routes.filter((route) => route.access === 'public');
}

/** The route of `service` that serves `method` + `path` (the path as declared, with `:param` placeholders). */
export function findRoute(service: ServiceDescriptor, method: string, path: string): RouteSpec | undefined {
  return service.routes.find((route) => route.method === method && route.path === path);
}

/** Environment variable that overrides where a service is reached, e.g. `PRODUCT_SEARCH_URL`. */
export function serviceUrlVariable(serviceName: string): string {
  return `${serviceName.replace(/-/g, '_').toUpperCase()}_URL`;
}
