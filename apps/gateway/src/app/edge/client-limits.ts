import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { errorBody } from '@ms/platform-core';

/** Requests that asked `Expect: 100-continue` and have not been told to continue yet. */
const awaitingContinue = new WeakSet<IncomingMessage>();

/**
 * What a client's body may cost the edge, whatever route it asks for (time is bounded for every service by the
 * platform's server timeouts). A body over the limit is refused from its `Content-Length` before a byte of it is
 * read — and before `100 Continue` is sent, so a client that asked first never uploads it.
 */
@Injectable()
export class ClientLimits implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;

    // Node answers `100 Continue` by itself unless someone listens: we do, and say it only once the request passed
    // the checks below (in preParsing, right before the body is read).
    server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      awaitingContinue.add(req);
      fastify.routing(req, res);
    });
    const limit = fastify.initialConfig.bodyLimit ?? 1024 * 1024;
    fastify.addHook('onRequest', (request, reply, done) => {
      const declared = Number(request.headers['content-length']);
      if (declared > limit) {
        // A client that waits for `100 Continue` never sends the body: the connection cannot be reused. One that is
        // already sending it has the rest read and dropped by Node (closing now would reset the connection under
        // the client before it reads this answer); the request timeout bounds how long that may take.
        if (awaitingContinue.delete(request.raw)) void reply.header('connection', 'close');
        void reply
          .code(413)
          .send(errorBody(413, `The request body is ${declared} bytes; at most ${limit} bytes are accepted`));
        return;
      }
      done();
    });
    fastify.addHook('preParsing', (request, reply, payload, done) => {
      if (awaitingContinue.delete(request.raw)) reply.raw.writeContinue();
      done(null, payload);
    });
  }
}
