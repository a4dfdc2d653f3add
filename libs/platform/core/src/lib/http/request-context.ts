import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestContext {
  readonly requestId: string;
}

/** Carries the current request's id to code that has no request object (the internal client, log lines). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * The request id (Fastify's `genReqId`): the caller's `x-request-id` when it is a sane token, else a new UUID. The
 * header is overwritten with it, so whatever reads or forwards the header sees the same id; the request hooks echo
 * it on the response and carry it in the request context.
 */
export function resolveRequestId(req: IncomingMessage): string {
  const header = req.headers[REQUEST_ID_HEADER];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate && SAFE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}
