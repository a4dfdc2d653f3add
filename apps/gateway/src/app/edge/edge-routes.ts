import { publicRoutes, type RouteSpec, type ServiceDescriptor } from '@ms/contracts-common';

/** A public route of a service that the edge may forward to, with its path split into segments. */
export interface EdgeRoute {
  readonly service: ServiceDescriptor;
  readonly route: RouteSpec;
}

export interface EdgeMatch extends EdgeRoute {
  /** Path to request upstream: the raw (still percent-encoded) segments after `/api/<service>`. */
  readonly upstreamPath: string;
}

/** A route template with parameters, its segments split once at start. */
interface ParametricRoute {
  readonly match: Omit<EdgeMatch, 'upstreamPath'>;
  readonly segments: readonly string[];
}

/** One fronted service's routes, indexed at start so a request is a map lookup, not a scan of every template. */
interface ServiceRoutes {
  readonly service: ServiceDescriptor;
  readonly routes: readonly RouteSpec[];
  /** `METHOD` → exact path → route, for templates without parameters. */
  readonly exact: ReadonlyMap<string, ReadonlyMap<string, RouteSpec>>;
  /** `METHOD segment-count` → templates with parameters, in registry order. */
  readonly parametric: ReadonlyMap<string, readonly ParametricRoute[]>;
}

/**
 * The table of what the edge forwards, built from the services' own route tables (the registry): the public routes of
 * public and hybrid services, except the edge itself. Internal routes, operational endpoints (health, metrics) and
 * docs are not in any public route list, so they are never forwarded.
 */
export class EdgeRouteTable {
  private readonly byService = new Map<string, ServiceRoutes>();

  constructor(services: readonly ServiceDescriptor[], self: ServiceDescriptor) {
    for (const service of services) {
      if (service.name === self.name || service.accessibility === 'internal') continue;
      const routes = publicRoutes(service);
      if (routes.length > 0) this.byService.set(service.name, indexRoutes(service, routes));
    }
  }

  /** Services the edge fronts, in registry order. */
  services(): ServiceDescriptor[] {
    return [...this.byService.values()].map((entry) => entry.service);
  }

  /** Every forwarded route, for docs and tests. */
  routes(): EdgeRoute[] {
    return [...this.byService.values()].flatMap(({ service, routes }) => routes.map((route) => ({ service, route })));
  }

  /**
   * The route that `method rawPath` (the path after `/api`, e.g. `/product-search/products/42`, without query)
   * addresses, or undefined. A `:param` matches exactly one non-empty canonical segment that is not `.` or `..` (in
   * any encoding), so the path forwarded is exactly the path authorised. HEAD is matched like GET.
   */
  match(method: string, rawPath: string): EdgeMatch | undefined {
    const serviceEnd = rawPath.indexOf('/', 1);
    if (rawPath.charCodeAt(0) !== SLASH || serviceEnd < 0) return undefined;
    const entry = this.byService.get(rawPath.slice(1, serviceEnd));
    if (!entry) return undefined;
    const upstreamPath = rawPath.slice(serviceEnd);
    const wanted = method === 'HEAD' ? 'GET' : method;
    // Literal template segments are canonical (checked at start), so an exact match needs no check of its own.
    const route = entry.exact.get(wanted)?.get(upstreamPath);
    if (route) return { service: entry.service, route, upstreamPath };
    const segments = upstreamPath.split('/');
    const candidates = entry.parametric.get(`${wanted} ${segments.length}`);
    if (!candidates) return undefined;
    for (const { match, segments: template } of candidates) {
      if (matchesTemplate(template, segments)) return { ...match, upstreamPath };
    }
    return undefined;
  }
}

const SLASH = 0x2f;

function indexRoutes(service: ServiceDescriptor, routes: readonly RouteSpec[]): ServiceRoutes {
  const exact = new Map<string, Map<string, RouteSpec>>();
  const parametric = new Map<string, ParametricRoute[]>();
  for (const route of routes) {
    // Leading '' kept, like a request path split on '/': index i of both is the same segment.
    const segments = route.path.split('/');
    // A literal that is not canonical could never equal a safe request segment: such a template matches nothing.
    if (!segments.slice(1).every((part) => part.startsWith(':') || isSafeSegment(part))) continue;
    if (segments.some((part) => part.startsWith(':'))) {
      const key = `${route.method} ${segments.length}`;
      parametric.set(key, [...(parametric.get(key) ?? []), { match: { service, route }, segments }]);
    } else {
      const byPath = exact.get(route.method) ?? new Map<string, RouteSpec>();
      // The first of two identical templates wins, as in registry order.
      if (!byPath.has(route.path)) byPath.set(route.path, route);
      exact.set(route.method, byPath);
    }
  }
  return { service, routes, exact, parametric };
}

/** Literal segments equal, parameters safe (both arrays start with the '' before the first '/'). */
function matchesTemplate(template: readonly string[], segments: readonly string[]): boolean {
  for (let i = 1; i < template.length; i++) {
    const part = template[i];
    if (part.charCodeAt(0) === COLON ? !isSafeSegment(segments[i]) : part !== segments[i]) return false;
  }
  return true;
}

const COLON = 0x3a;

/**
 * RFC 3986 `segment-nz`: unreserved, sub-delims, `:`, `@` and well-formed percent-escapes, nothing else. So a segment
 * reaches the upstream byte for byte: no `#` or `?` that a URL parser would cut the path at, no `\` it may turn into
 * `/`, no space or raw non-ASCII it would re-encode.
 */
const CANONICAL_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

/** Canonical (see above), decodable, not a dot segment, no encoded `/` or `\`. */
function isSafeSegment(segment: string): boolean {
  if (!CANONICAL_SEGMENT.test(segment)) return false;
  if (!segment.includes('%')) return segment !== '.' && segment !== '..';
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\');
}
