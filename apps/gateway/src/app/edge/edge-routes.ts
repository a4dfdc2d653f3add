import { publicRoutes, type HttpMethod, type RouteSpec, type ServiceDescriptor } from '@ms/contracts-common';

/** A public route of a service that the edge may forward to, with its path split into segments. */
export interface EdgeRoute {
  readonly service: ServiceDescriptor;
  readonly route: RouteSpec;
}

export interface EdgeMatch extends EdgeRoute {
  /** Path to request upstream: the raw (still percent-encoded) segments after `/api/<service>`. */
  readonly upstreamPath: string;
}

/**
 * The table of what the edge forwards, built from the services' own route tables (the registry): the public routes of
 * public and hybrid services, except the edge itself. Internal routes, operational endpoints (health, metrics) and
 * docs are not in any public route list, so they are never forwarded.
 */
export class EdgeRouteTable {
  private readonly byService = new Map<
    string,
    { service: ServiceDescriptor; routes: { route: RouteSpec; segments: string[] }[] }
  >();

  constructor(services: readonly ServiceDescriptor[], self: ServiceDescriptor) {
    for (const service of services) {
      if (service.name === self.name || service.accessibility === 'internal') continue;
      const routes = publicRoutes(service).map((route) => ({ route, segments: splitTemplate(route.path) }));
      if (routes.length > 0) this.byService.set(service.name, { service, routes });
    }
  }

  /** Services the edge fronts, in registry order. */
  services(): ServiceDescriptor[] {
    return [...this.byService.values()].map((entry) => entry.service);
  }

  /** Every forwarded route, for docs and tests. */
  routes(): EdgeRoute[] {
    return [...this.byService.values()].flatMap(({ service, routes }) =>
      routes.map(({ route }) => ({ service, route })),
    );
  }

  /**
   * The route that `method rawPath` (the path after `/api`, e.g. `/product-search/products/42`, without query)
   * addresses, or undefined. A `:param` matches exactly one non-empty canonical segment that is not `.` or `..` (in
   * any encoding), so the path forwarded is exactly the path authorised. HEAD is matched like GET.
   */
  match(method: string, rawPath: string): EdgeMatch | undefined {
    const segments = rawPath.split('/').slice(1);
    const [serviceName, ...rest] = segments;
    const entry = serviceName ? this.byService.get(serviceName) : undefined;
    if (!entry || rest.length === 0) return undefined;
    if (!rest.every(isSafeSegment)) return undefined;
    const wanted = (method === 'HEAD' ? 'GET' : method) as HttpMethod;
    for (const { route, segments: template } of entry.routes) {
      if (route.method !== wanted || template.length !== rest.length) continue;
      if (template.every((part, i) => (part.startsWith(':') ? true : part === rest[i]))) {
        return { service: entry.service, route, upstreamPath: '/' + rest.join('/') };
      }
    }
    return undefined;
  }
}

function splitTemplate(path: string): string[] {
  return path.split('/').slice(1);
}

/**
 * RFC 3986 `segment-nz`: unreserved, sub-delims, `:`, `@` and well-formed percent-escapes, nothing else. So a segment
 * reaches the upstream byte for byte: no `#` or `?` that a URL parser would cut the path at, no `\` it may turn into
 * `/`, no space or raw non-ASCII it would re-encode.
 */
const CANONICAL_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

/** Canonical (see above), decodable, not a dot segment, no encoded `/` or `\`. */
function isSafeSegment(segment: string): boolean {
  if (!CANONICAL_SEGMENT.test(segment)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\');
}
