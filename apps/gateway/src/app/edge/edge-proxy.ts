import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import replyFrom from '@fastify/reply-from';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_UPSTREAM_CONNECTIONS,
  DEFAULT_UPSTREAM_QUEUE_LIMIT,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  GatewayEnv,
} from './gateway-env';
import { TrustedProxies } from './trusted-proxies';
import { upstreamFailure } from './upstream-errors';

/** Connection-scoped headers (RFC 9110 §7.6.1): meaningful for one hop only, never forwarded either way. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request headers a client's value of which never passes: a service token (the edge is not a service caller),
 * `expect` (answered here, the body is read before forwarding) and the ones the edge writes itself.
 */
const WRITTEN_BY_EDGE = new Set([
  SERVICE_TOKEN_HEADER,
  'expect',
  REQUEST_ID_HEADER,
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
]);

const FORWARDED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * `/api/<service>/<path>` → the public route `<path>` of a public or hybrid service, and nothing else.
 *
 * A plain Fastify route (not a Nest handler, so not in the gateway's route table); the Nest BFF handlers under
 * `/api/…` are static routes and win. A request body is read completely (up to the body limit) before anything is
 * forwarded, so a slow client never holds a connection to a service; responses stream back (images pass through as
 * they come). Hop-by-hop headers and any client-sent service token are dropped, the request id travels on, and an
 * upstream that is down, slow or too busy becomes a 503 or 504 in the platform's error shape.
 */
@Injectable()
export class EdgeProxy implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EdgeProxy.name);
  readonly table: EdgeRouteTable;
  private readonly timeoutMs: number;
  private readonly agent: Agent;
  private readonly trusted: TrustedProxies;
  /** Requests in flight or waiting per service; at most `connections + queue limit`, then a 503 at once. */
  private readonly inFlight = new Map<string, number>();
  private readonly maxInFlight: number;
  private readonly rewriteRequestHeaders = (request: ForwardedRequest, headers: IncomingHttpHeaders) =>
    forwardedRequestHeaders(request, headers, this.trusted);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_DESCRIPTOR) self: ServiceDescriptor,
  ) {
    const env = validateEnv(GatewayEnv, process.env);
    this.table = new EdgeRouteTable(SERVICES, self);
    this.timeoutMs = env.UPSTREAM_TIMEOUT_MS ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
    this.trusted = new TrustedProxies(env.TRUSTED_PROXIES);
    const connections = env.UPSTREAM_CONNECTIONS ?? DEFAULT_UPSTREAM_CONNECTIONS;
    this.maxInFlight = connections + (env.UPSTREAM_QUEUE_LIMIT ?? DEFAULT_UPSTREAM_QUEUE_LIMIT);
    this.agent = new Agent({
      connect: { timeout: Math.min(DEFAULT_CONNECT_TIMEOUT_MS, this.timeoutMs) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 10_000,
      connections,
    });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // An encapsulated scope: whatever the content type, the body is read as bytes (up to the body limit, else 413)
    // and forwarded as it came.
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.setErrorHandler((error: FastifyError, _request, reply) => {
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
        return reply.code(status).send(errorBody(status, status === 500 ? 'Internal server error' : error.message));
      });
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
    // The router decodes (`/%61pi/…` reaches this route too): only the literal prefix counts, and the path is
    // matched and forwarded exactly as the client sent it.
    const match =
      path.startsWith(PREFIX_SLASH) && !query.includes('#')
        ? this.table.match(request.method, path.slice(EDGE_API_PREFIX.length))
        : undefined;
    if (!match) {
      // Internal routes, unknown services and paths look exactly alike from outside: not found.
      return reply.code(404).send(errorBody(404, `Cannot ${request.method} ${path}`));
    }
    const service = match.service.name;
    const busy = this.inFlight.get(service) ?? 0;
    if (busy >= this.maxInFlight) {
      return reply
        .code(503)
        .header('retry-after', '1')
        .send(errorBody(503, `${service} is busy right now; please try again shortly`));
    }
    this.inFlight.set(service, busy + 1);
    reply.raw.once('close', () => this.inFlight.set(service, (this.inFlight.get(service) ?? 1) - 1));
    const body = request.body as Buffer | undefined;
    return reply.from(serviceBaseUrl(match.service) + match.upstreamPath + query, {
      timeout: this.timeoutMs,
      // The bytes as received, whatever the content type says (reply-from would re-encode a parsed JSON body).
      ...(body ? { body, contentType: request.headers['content-type'] ?? 'application/octet-stream' } : {}),
      // Never retry on our own: a retried POST could act twice. Clients retry with their idempotency keys.
      retryDelay: () => null,
      rewriteRequestHeaders: this.rewriteRequestHeaders,
      rewriteHeaders: withoutHopByHop,
      onError: (failedReply, { error }) => {
        const failure = upstreamFailure(service, error, this.timeoutMs);
        this.logger.warn(`${request.method} ${path} → ${service}: ${failure.statusCode} (${describe(error)})`);
        void failedReply
          .code(failure.statusCode)
          .header('content-type', 'application/json; charset=utf-8')
          .send(failure);
      },
    });
  }
}

const PREFIX_SLASH = `${EDGE_API_PREFIX}/`;

/** What the upstream receives: the client's headers minus hop-by-hop ones and any service token, plus ours. */
type ForwardedRequest = Pick<FastifyRequest, 'id' | 'ip' | 'protocol' | 'headers'>;

export function forwardedRequestHeaders(
  request: ForwardedRequest,
  headers: IncomingHttpHeaders,
  trusted: TrustedProxies,
): IncomingHttpHeaders {
  const forwarded = copyWithout(headers, WRITTEN_BY_EDGE);
  forwarded[REQUEST_ID_HEADER] = String(request.id);
  // What a client says about where it comes from counts only when our peer is the ingress, which wrote it.
  const fromIngress = trusted.trusts(request.ip);
  const chain = fromIngress ? headers['x-forwarded-for'] : undefined;
  forwarded['x-forwarded-for'] = chain ? `${chain}, ${request.ip}` : request.ip;
  forwarded['x-forwarded-proto'] = (fromIngress && headers['x-forwarded-proto']) || request.protocol;
  // reply-from has already set `host` to the upstream's; the client asked for the original one.
  const host = (fromIngress && headers['x-forwarded-host']) || request.headers.host;
  if (host) forwarded['x-forwarded-host'] = host;
  return forwarded;
}

export function withoutHopByHop<T extends Record<string, unknown>>(headers: T): T {
  return copyWithout(headers);
}

/** One pass, no `delete` (which would turn the object into a slow dictionary on every request). */
function copyWithout<T extends Record<string, unknown>>(headers: T, alsoDropped?: ReadonlySet<string>): T {
  const connection = headers['connection'];
  const listed =
    typeof connection === 'string'
      ? connection
          .toLowerCase()
          .split(',')
          .map((name) => name.trim())
      : [];
  const copy: Record<string, unknown> = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || alsoDropped?.has(name) || listed.includes(name)) continue;
    copy[name] = headers[name];
  }
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
