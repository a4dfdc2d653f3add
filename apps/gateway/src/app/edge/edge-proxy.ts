import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import replyFrom from '@fastify/reply-from';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';
import { PLATFORM_ERROR_CODES, serviceUrlVariable, type ServiceDescriptor } from '@ms/contracts-common';
import { EDGE_API_PREFIX } from '@ms/contracts-gateway';
import { SERVICES } from '@ms/contracts-registry';
import {
  errorBody,
  REQUEST_ID_HEADER,
  SERVICE_DESCRIPTOR,
  SERVICE_ENV,
  SERVICE_TOKEN_HEADER,
  serviceBaseUrl,
  type Environment,
} from '@ms/platform-core';
import { EdgeRouteTable } from './edge-routes';
import { DEFAULT_CONNECT_TIMEOUT_MS, GatewayConfig } from './gateway-env';
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
 * Request headers a client's value of which never passes: hop-by-hop ones, a service token (the edge is not a service
 * caller) and `expect` (answered here, the body is read before forwarding). The ones the edge writes itself
 * (request id, X-Forwarded-*) are overwritten.
 */
const NEVER_FORWARDED = [...HOP_BY_HOP, SERVICE_TOKEN_HEADER, 'expect'];

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
  /** What forwarding to each fronted service needs, built once at start (nothing per request but the counter). */
  private readonly upstreams = new Map<ServiceDescriptor, Upstream>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_DESCRIPTOR) self: ServiceDescriptor,
    config: GatewayConfig,
    @Inject(SERVICE_ENV) private readonly env: Environment,
  ) {
    this.table = new EdgeRouteTable(SERVICES, self);
    this.timeoutMs = config.upstreamTimeoutMs;
    const trusted = new TrustedProxies(config.trustedProxies);
    const connections = config.upstreamConnections;
    this.agent = new Agent({
      connect: { timeout: Math.min(DEFAULT_CONNECT_TIMEOUT_MS, this.timeoutMs) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 10_000,
      connections,
    });
    const rewriteRequestHeaders = (request: ForwardedRequest, headers: IncomingHttpHeaders) =>
      forwardedRequestHeaders(request, headers, trusted);
    const maxInFlight = connections + config.upstreamQueueLimit;
    for (const service of this.table.services()) {
      const upstream: Upstream = {
        name: service.name,
        service,
        urlVariable: serviceUrlVariable(service.name),
        configuredUrl: env[serviceUrlVariable(service.name)],
        baseUrl: serviceBaseUrl(service, env),
        inFlight: 0,
        maxInFlight,
        release: () => {
          upstream.inFlight--;
        },
        options: {
          timeout: this.timeoutMs,
          // Never retry on our own: a retried POST could act twice. Clients retry with their idempotency keys.
          retryDelay: neverRetry,
          rewriteRequestHeaders,
          rewriteHeaders: withoutHopByHop,
          onError: (failedReply, { error }) => this.answerFailure(upstream, failedReply, error),
        },
      };
      this.upstreams.set(service, upstream);
    }
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
    const upstream = match && this.upstreams.get(match.service);
    if (!match || !upstream) {
      // Internal routes, unknown services and paths look exactly alike from outside: not found.
      return reply.code(404).send(errorBody(404, `Cannot ${request.method} ${path}`));
    }
    if (upstream.inFlight >= upstream.maxInFlight) {
      return reply
        .code(503)
        .header('retry-after', '1')
        .send(
          errorBody(
            503,
            `${upstream.name} is busy right now; please try again shortly`,
            PLATFORM_ERROR_CODES.UPSTREAM_BUSY,
          ),
        );
    }
    upstream.inFlight++;
    // A response closes once, whether it was answered, failed or the client went away.
    reply.raw.on('close', upstream.release);
    const body = request.body as Buffer | undefined;
    const url = baseUrlOf(upstream, this.env) + match.upstreamPath + query;
    if (!body) return reply.from(url, upstream.options);
    // The bytes as received, whatever the content type says (reply-from would re-encode a parsed JSON body).
    const contentType = request.headers['content-type'] ?? 'application/octet-stream';
    return reply.from(url, { ...upstream.options, body, contentType });
  }

  private answerFailure(upstream: Upstream, reply: FailedReply, error: unknown): void {
    const failure = upstreamFailure(upstream.name, error, this.timeoutMs);
    const { method, url } = reply.request.raw;
    const path = (url ?? '').split('?')[0];
    this.logger.warn(`${method} ${path} → ${upstream.name}: ${failure.statusCode} (${describe(error)})`);
    void reply.code(failure.statusCode).header('content-type', 'application/json; charset=utf-8').send(failure);
  }
}

/** A fronted service as the edge forwards to it. */
interface Upstream {
  readonly name: string;
  readonly service: ServiceDescriptor;
  /** `<NAME>_URL`, read per request as the platform's client does (cheap: one lookup, rebuilt only on change). */
  readonly urlVariable: string;
  configuredUrl: string | undefined;
  baseUrl: string;
  /** Requests in flight or waiting; at most `maxInFlight` (connections + queue limit), then a 503 at once. */
  inFlight: number;
  readonly maxInFlight: number;
  /** Bound once: called when a forwarded request's response closes. */
  readonly release: () => void;
  /** reply-from's options for a request without a body; the same object for every request. */
  readonly options: FromOptions;
}

type FromOptions = NonNullable<Parameters<FastifyReply['from']>[1]>;
type FailedReply = Parameters<NonNullable<FromOptions['onError']>>[0];

function baseUrlOf(upstream: Upstream, env: Environment): string {
  const configured = env[upstream.urlVariable];
  if (configured !== upstream.configuredUrl) {
    upstream.configuredUrl = configured;
    upstream.baseUrl = serviceBaseUrl(upstream.service, env);
  }
  return upstream.baseUrl;
}

function neverRetry(): null {
  return null;
}

const PREFIX_SLASH = `${EDGE_API_PREFIX}/`;

/** What the upstream receives: the client's headers minus hop-by-hop ones and any service token, plus ours. */
type ForwardedRequest = Pick<FastifyRequest, 'id' | 'ip' | 'protocol' | 'headers'>;

/**
 * reply-from's `rewriteRequestHeaders`. `headers` is reply-from's own copy of the client's headers for this request
 * (the `Connection` header and the names it lists already removed, `host` already the upstream's), so it is changed
 * in place instead of copied again: a dropped header is set to undefined, which undici does not send (a `delete` would
 * turn the object into a slow dictionary). Every header the edge writes itself is overwritten, never appended to.
 */
export function forwardedRequestHeaders(
  request: ForwardedRequest,
  headers: IncomingHttpHeaders,
  trusted: TrustedProxies,
): IncomingHttpHeaders {
  // What a client says about where it comes from counts only when our peer is the ingress, which wrote it.
  const fromIngress = trusted.trusts(request.ip);
  const chain = fromIngress ? headers['x-forwarded-for'] : undefined;
  const proto = fromIngress ? headers['x-forwarded-proto'] : undefined;
  // reply-from has already set `host` to the upstream's; the client asked for the original one.
  const host = (fromIngress && headers['x-forwarded-host']) || request.headers.host;
  for (const name of NEVER_FORWARDED) if (headers[name] !== undefined) headers[name] = undefined;
  headers[REQUEST_ID_HEADER] = String(request.id);
  headers['x-forwarded-for'] = chain ? `${chain}, ${request.ip}` : request.ip;
  headers['x-forwarded-proto'] = proto || request.protocol;
  headers['x-forwarded-host'] = host || undefined;
  return headers;
}

/** reply-from's `rewriteHeaders`: the upstream's response headers without hop-by-hop ones, in one pass. */
export function withoutHopByHop<T extends Record<string, unknown>>(headers: T): T {
  const connection = headers['connection'];
  const listed = typeof connection === 'string' ? connectionOptions(connection) : NO_OPTIONS;
  // A copy, not a `delete` (a slow dictionary) nor undefined values (reply-from would send them as empty headers).
  const copy: Record<string, unknown> = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || (listed !== NO_OPTIONS && listed.includes(name))) continue;
    copy[name] = headers[name];
  }
  return copy as T;
}

const NO_OPTIONS: readonly string[] = [];

/** The header names a `Connection` header lists; none for the usual `keep-alive` / `close`. */
function connectionOptions(connection: string): readonly string[] {
  const value = connection.toLowerCase();
  if (value === 'keep-alive' || value === 'close') return NO_OPTIONS;
  return value.split(',').map((name) => name.trim());
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
