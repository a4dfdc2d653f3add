/**
 * Every error a service answers is `{ statusCode, code, error, message }`. `message` is for people and may change;
 * `code` is for programs: a stable UPPER_SNAKE name that callers match on. Without a more specific code it is the HTTP
 * status's name (404 → `NOT_FOUND`, 413 → `PAYLOAD_TOO_LARGE`, 500 → `INTERNAL_ERROR`). The specific codes the
 * platform answers are below; a service declares its own in its contracts, next to its client.
 */
export interface ErrorBody {
  statusCode: number;
  /** Stable, machine-readable UPPER_SNAKE code: match on this, never on `message`. */
  code: string;
  /** The HTTP status's reason phrase. */
  error: string;
  message: string;
}

/** The specific codes the platform (every service, the internal client and the edge) answers with. */
export const PLATFORM_ERROR_CODES = {
  /** 400: the body or query failed its DTO's validation; `message` names each failing constraint. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** 400: broken percent-encoding or a NUL in the request target. */
  MALFORMED_REQUEST_TARGET: 'MALFORMED_REQUEST_TARGET',
  /** 400: a path segment over the router's length limit. */
  PATH_SEGMENT_TOO_LONG: 'PATH_SEGMENT_TOO_LONG',
  /** 400: a JSON body nesting too deep or carrying NUL characters. */
  HOSTILE_BODY: 'HOSTILE_BODY',
  /** 401: an internal handler was called without a service token. */
  SERVICE_TOKEN_MISSING: 'SERVICE_TOKEN_MISSING',
  /** 401: the service token is invalid, expired or meant for another service. */
  SERVICE_TOKEN_INVALID: 'SERVICE_TOKEN_INVALID',
  /** 403: a valid service token from a service the route does not allow. */
  CALLER_NOT_ALLOWED: 'CALLER_NOT_ALLOWED',
  /** 502: a called service answered a success that is not JSON. */
  UPSTREAM_INVALID_RESPONSE: 'UPSTREAM_INVALID_RESPONSE',
  /** 502: a called service failed (5xx) or refused this service's call (401, 403). */
  UPSTREAM_FAILED: 'UPSTREAM_FAILED',
  /** 503: a called service cannot be reached. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** 503: the edge already has as many requests in flight to that service as it allows. */
  UPSTREAM_BUSY: 'UPSTREAM_BUSY',
  /** 504: a called service did not answer in time. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
} as const;

export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[keyof typeof PLATFORM_ERROR_CODES];

/** What an error code looks like: UPPER_SNAKE, starting with a letter. */
export const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** The `code` of an error body (or of an error carrying one), or undefined when it has none that looks like a code. */
export function errorCodeOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && ERROR_CODE_PATTERN.test(code) ? code : undefined;
}
