import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PLATFORM_ERROR_CODES } from '@ms/contracts-common';
import { errorBody } from '../http/error-response';

/** Deepest JSON a body may nest (objects and arrays). Real payloads need a handful; recursion elsewhere needs a cap. */
export const MAX_JSON_DEPTH = 32;

const STRAY_PERCENT = /%(?![0-9a-f]{2})/i;

/**
 * Why a request target cannot be served, or undefined when it is fine. Fastify's query parser leaves broken escapes
 * as they are and decodes `%00` to a NUL that PostgreSQL refuses; the edge's proxy throws a URIError on them. Both
 * became 500s: the target is checked once, before routing, for every service.
 */
export function requestTargetProblem(url: string): string | undefined {
  if (!url.includes('%') && !url.includes('\0')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return STRAY_PERCENT.test(url)
      ? 'malformed URL: "%" must start an escape of two hex digits (send a literal % as %25)'
      : 'malformed URL: its percent-escapes do not decode to UTF-8 text';
  }
  return decoded.includes('\0') ? 'malformed URL: it contains a NUL control character (%00)' : undefined;
}

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Why a parsed JSON body cannot be accepted, or undefined: nesting deeper than MAX_JSON_DEPTH (class-transformer
 * recurses per level and overflowed the stack at 200,000 levels), or a NUL character in a key or string (PostgreSQL
 * text cannot hold one). Walks iteratively, so the check itself never recurses; names where the problem is.
 */
export function jsonBodyProblem(body: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: 'body', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.includes('\0')) return `${path} contains a NUL control character (\\u0000)`;
      continue;
    }
    if (!isPlainContainer(value)) continue;
    if (depth >= MAX_JSON_DEPTH) return `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && key.includes('\0'))
        return `a key in ${path} contains a NUL control character (\\u0000)`;
      stack.push({ value: child, path: Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

function refuse(reply: FastifyReply, message: string, code?: string, statusCode = 400): FastifyReply {
  return reply
    .code(statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorBody(statusCode, message, code));
}

/**
 * Fastify's router refuses some targets before any hook runs (a path parameter that does not decode, one over its
 * length limit) and answered them in its own shape, with an extra `code`. These server options make those answers
 * the platform's `{ statusCode, code, error, message }`. Pass them when creating the Fastify instance.
 */
export const HOSTILE_INPUT_SERVER_OPTIONS: Pick<FastifyServerOptions, 'frameworkErrors'> = {
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    if (error.code === 'FST_ERR_BAD_URL') {
      const problem = requestTargetProblem(request.raw.url ?? '') ?? 'malformed URL: a path segment does not decode';
      void refuse(reply, problem, PLATFORM_ERROR_CODES.MALFORMED_REQUEST_TARGET, statusCode);
    } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      const problem = 'a path segment of the URL is too long';
      void refuse(reply, problem, PLATFORM_ERROR_CODES.PATH_SEGMENT_TOO_LONG, statusCode);
    } else {
      void refuse(reply, error.message, undefined, statusCode);
    }
  },
};

/**
 * A malformed request target (broken percent-encoding, NUL) answered 400 before routing. For the platform's one
 * `onRequest` hook (request-hooks.ts): true when it answered, and the request goes no further.
 */
export function refusedHostileTarget(request: FastifyRequest, reply: FastifyReply): boolean {
  const problem = requestTargetProblem(request.raw.url ?? request.url);
  if (problem) void refuse(reply, problem, PLATFORM_ERROR_CODES.MALFORMED_REQUEST_TARGET);
  return problem !== undefined;
}

/**
 * A JSON body too deep or carrying NUL characters answered 400 before any guard, pipe or handler. For the platform's
 * `preValidation` hook: true when it answered. A request without a body costs one comparison.
 */
export function refusedHostileBody(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.body === undefined) return false;
  const problem = jsonBodyProblem(request.body);
  if (problem) void refuse(reply, problem, PLATFORM_ERROR_CODES.HOSTILE_BODY);
  return problem !== undefined;
}
