import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorBody, PlatformConfig } from '@ms/platform-core';
import { GatewayConfig } from './gateway-env';

/** Route templates of the operational endpoints every service has: probes, metrics, internal docs. */
export function isOperationalRoute(url: string | undefined): boolean {
  return url !== undefined && (url === '/metrics' || url.startsWith('/health/') || url.startsWith('/internal/'));
}

/**
 * The edge is the one public entry, so its operational endpoints live on a second port (`MANAGEMENT_PORT`) that only
 * the cluster reaches (probes, Prometheus): on the public port they are 404 like any unknown path, and the
 * management port serves nothing else. Both ports feed the same Fastify instance; the route matched (not the raw
 * path, which may be percent-encoded) decides.
 */
@Injectable()
export class ManagementPort implements OnModuleInit {
  private readonly logger = new Logger(ManagementPort.name);
  private readonly sockets = new WeakSet<Socket>();
  private server?: Server;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: GatewayConfig,
    private readonly platform: PlatformConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      const management = this.sockets.has(request.raw.socket);
      if (management !== isOperationalRoute(request.routeOptions.url)) {
        const path = request.url.split('?')[0];
        void reply.code(404).send(errorBody(404, `Cannot ${request.method} ${path}`));
        return;
      }
      done();
    });
    fastify.addHook('onClose', (_instance, done) => {
      if (!this.server) return done();
      this.server.closeAllConnections();
      this.server.close(() => done());
    });
  }

  /** Starts listening on MANAGEMENT_PORT (default 3090; 0 = any free port) at HOST; resolves with the port. */
  async listen(): Promise<number> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const port = this.config.managementPort;
    const host = this.platform.host;
    const server = createServer((req, res) => fastify.routing(req, res));
    server.on('connection', (socket) => this.sockets.add(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    this.logger.log(`operational endpoints (/health/*, /metrics, /internal/*) on http://${host}:${actual} only`);
    return actual;
  }
}
