import type { HttpMethod, ServiceDescriptor } from './service-descriptor';

export interface ServiceRequest {
  readonly method: HttpMethod;
  /** Concrete path (placeholders already filled, see `buildPath`). */
  readonly path: string;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Overrides the caller's default total timeout for this call. */
  readonly timeoutMs?: number;
}

/**
 * What a typed client in a contracts library needs to reach another service's internal handlers. The platform's
 * InternalHttpClient implements it (service token, request id, timeouts); contracts depend only on this shape.
 */
export interface ServiceCaller {
  call<TResponse>(target: ServiceDescriptor, request: ServiceRequest): Promise<TResponse>;
}

/** Fills `:param` placeholders, URL-encoding each value: `buildPath('/things/:id', { id: 'a b' })` → `/things/a%20b`. */
export function buildPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new Error(`buildPath: missing value for ":${name}" in ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}
