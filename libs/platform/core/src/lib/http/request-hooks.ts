import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER, requestContext } from './request-context';
import { securityHeaders } from './security-headers';

/**
 * The platform's per-request work as plain Fastify hooks (no Express-style middleware, no rxjs):
 * - onRequest: the security headers (computed once, here) and the request id on every response, errors included;
 * - preHandler: runs the handler (guards, pipes, controller) inside the request context, so `currentRequestId()`
 *   and the internal client know the request's id. preHandler, after the body is read, so a POST keeps it too.
 */
export function installRequestHooks(fastify: FastifyInstance): void {
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ requestId: request.id }, done);
  });
}
