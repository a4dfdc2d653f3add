import type { FastifyInstance } from 'fastify';
import { refusedHostileBody, refusedHostileTarget } from '../input/hostile-input';
import { REQUEST_ID_HEADER, requestContext } from './request-context';
import { securityHeaders } from './security-headers';

/**
 * The platform's per-request work as plain, synchronous Fastify hooks (no Express-style middleware, no promises, no
 * rxjs), one per stage:
 * - onRequest: the security headers (computed once, here) and the request id on every response, errors included;
 *   then a malformed request target (broken URL escapes, NUL) is a 400;
 * - preValidation: a JSON body too deep or with NUL characters is a 400, before any guard, pipe or handler;
 * - preHandler: runs the handler (guards, pipes, controller) inside the request context, so `currentRequestId()`
 *   and the internal client know the request's id. preHandler, after the body is read, so a POST keeps it too.
 * Install before anything else adds hooks (CORS), so every answer carries the headers and passes the checks.
 */
export function installRequestHooks(fastify: FastifyInstance): void {
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header(REQUEST_ID_HEADER, request.id);
    if (!refusedHostileTarget(request, reply)) done();
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    if (!refusedHostileBody(request, reply)) done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ requestId: request.id }, done);
  });
}
