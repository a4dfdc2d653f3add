import { PLATFORM_ERROR_CODES } from '@ms/contracts-common';
import { errorBody, type ErrorBody } from '@ms/platform-core';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * What the edge answers when a service could not be reached: 503 when there is no connection (the service is down),
 * 504 when it did not answer in time, 502 for anything else, each with its UPSTREAM_* code. Always the platform's error shape, never a stack.
 */
export function upstreamFailure(service: string, error: unknown, timeoutMs: number): ErrorBody {
  const codes = errorCodes(error);
  if (codes.some((code) => TIMEOUT_CODES.has(code)) || (error as { statusCode?: number })?.statusCode === 504) {
    return errorBody(504, `${service} did not answer within ${timeoutMs} ms`, PLATFORM_ERROR_CODES.UPSTREAM_TIMEOUT);
  }
  if (codes.some((code) => UNAVAILABLE_CODES.has(code)) || (error as { statusCode?: number })?.statusCode === 503) {
    return errorBody(
      503,
      `${service} is unavailable right now; please try again shortly`,
      PLATFORM_ERROR_CODES.UPSTREAM_UNAVAILABLE,
    );
  }
  return errorBody(502, `${service} failed to answer`, PLATFORM_ERROR_CODES.UPSTREAM_FAILED);
}

/** The error's code and its causes' codes (reply-from wraps undici's error in its own). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}
