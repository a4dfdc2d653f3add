import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { EDGE_API_PREFIX } from '@ms/contracts-gateway';
import { SERVICES } from '@ms/contracts-registry';
import {
  errorBody,
  REQUEST_ID_HEADER,
  SERVICE_DESCRIPTOR,
  SERVICE_TOKEN_HEADER,
  serviceBaseUrl,
  validateEnv,
} from '@ms/platform-core';
import { EdgeRouteTable } from './edge-routes';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_UPSTREAM_TIMEOUT_MS, GatewayEnv } from './gateway-env';
import { upstreamFailure } from './upstream-errors';

/** Connection-scoped headers (RFC 9110 §7.6.1): meaningful for one hop only, never forwarded either way. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

const FORWARDED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * `/api/<service>/<path>` → the public route `<path>` of a public or hybrid service, and nothing else.
 *
 * A plain Fastify route (not a Nest handler, so not in the gateway's route table); the Nest BFF handlers under
 * `/api/…` are static routes and win. Bodies stream both ways (no parsing, no buffering: images and uploads pass
 * through as they come), hop-by-hop headers and any client-sent service token are dropped, the request id travels on,
 * and an upstream that is down or slow becomes a 503 or 504 in the platform's error shape.
 */
@Injectable()
export class EdgeProxy implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EdgeProxy.name);
  readonly table: EdgeRouteTable;
  private readonly timeoutMs: number;
  private readonly agent: Agent;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_DESCRIPTOR) self: ServiceDescriptor,
  ) {
    this.table = new EdgeRouteTable(SERVICES, self);
    this.timeoutMs = validateEnv(GatewayEnv, process.env).UPSTREAM_TIMEOUT_MS ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
    this.agent = new Agent({
      connect: { timeout: Math.min(DEFAULT_CONNECT_TIMEOUT_MS, this.timeoutMs) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 10_000,
      connections: 128,
    });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // An encapsulated scope: its content-type parsers hand the raw body stream on instead of parsing it.
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      await scope.register(replyFrom, { undici: this.agent, disableCache: true, disableRequestLogging: true });
      scope.route({
        method: [...FORWARDED_METHODS],
        url: `${EDGE_API_PREFIX}/*`,
        handler: (request, reply) => this.forward(request, reply),
      });
    });
    this.logger.log(
      `forwarding ${EDGE_API_PREFIX}/<service>/… to ${this.table.routes().length} public routes of ` +
        (this.table
          .services()
          .map((service) => service.name)
          .join(', ') || 'no service'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  private forward(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const rawUrl = request.raw.url ?? request.url;
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt >= 0 ? rawUrl.slice(0, queryAt) : rawUrl;
    const query = queryAt >= 0 ? rawUrl.slice(queryAt) : '';
    const match = this.table.match(request.method, path.slice(EDGE_API_PREFIX.length));
    if (!match) {
      // Internal routes, unknown services and paths look exactly alike from outside: not found.
      return reply.code(404).send(errorBody(404, `Cannot ${request.method} ${path}`));
    }
    const service = match.service.name;
    return reply.from(serviceBaseUrl(match.service) + match.upstreamPath + query, {
      timeout: this.timeoutMs,
      // Never retry on our own: a retried POST could act twice. Clients retry with their idempotency keys.
      retryDelay: () => null,
      rewriteRequestHeaders: (req, headers) => forwardedRequestHeaders(req, headers),
      rewriteHeaders: (headers) => withoutHopByHop(headers),
      onError: (failedReply, { error }) => {
        const body = upstreamFailure(service, error, this.timeoutMs);
        this.logger.warn(`${request.method} ${path} → ${service}: ${body.statusCode} (${describe(error)})`);
        void failedReply.code(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
      },
    });
  }
}

/** What the upstream receives: the client's headers minus hop-by-hop ones and minus any service token. */
export function forwardedRequestHeaders(
  request: Pick<FastifyRequest, 'id' | 'ip' | 'protocol' | 'headers'>,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  const forwarded = withoutHopByHop(headers);
  // A client must never smuggle a service token through the edge: the edge is not a service caller.
  delete forwarded[SERVICE_TOKEN_HEADER];
  forwarded[REQUEST_ID_HEADER] = String(request.id);
  const chain = [headers['x-forwarded-for'], request.ip].filter(Boolean).join(', ');
  forwarded['x-forwarded-for'] = chain;
  forwarded['x-forwarded-proto'] = request.protocol;
  // reply-from has already set `host` to the upstream's; the client asked for the original one.
  if (request.headers.host) forwarded['x-forwarded-host'] = request.headers.host;
  return forwarded;
}

export function withoutHopByHop<T extends Record<string, unknown>>(headers: T): T {
  const copy: Record<string, unknown> = { ...headers };
  const listed = typeof headers['connection'] === 'string' ? headers['connection'].split(',') : [];
  for (const name of [...HOP_BY_HOP, ...listed.map((item) => item.trim().toLowerCase())]) delete copy[name];
  return copy as T;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 3; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    parts.push([code, message].filter(Boolean).join(' '));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' ← ');
}
