import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

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

type RawRequest = IncomingMessage & { id?: unknown };

/**
 * The request id: the caller's `x-request-id` when it is a sane token, else a new UUID. Idempotent per request and
 * echoed on the response, so the logger and the request context agree whichever runs first.
 */
export function resolveRequestId(req: RawRequest, res?: ServerResponse): string {
  let id: string;
  if (typeof req.id === 'string' && SAFE_REQUEST_ID.test(req.id)) {
    id = req.id;
  } else {
    const header = req.headers[REQUEST_ID_HEADER];
    const candidate = Array.isArray(header) ? header[0] : header;
    id = candidate && SAFE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
    req.id = id;
  }
  req.headers[REQUEST_ID_HEADER] = id;
  if (res && !res.headersSent && !res.hasHeader(REQUEST_ID_HEADER)) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
