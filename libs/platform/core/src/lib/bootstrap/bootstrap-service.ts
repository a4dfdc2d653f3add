import type { AddressInfo } from 'node:net';
import { Logger, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { PlatformConfig } from '../config/platform-config';
import { createServiceApp, type ServiceAppOptions } from './create-service-app';
import { releaseStartupMemory } from './release-startup-memory';

/**
 * Drains on SIGTERM/SIGINT: Fastify stops accepting (new requests on open connections get 503), in-flight requests
 * finish, modules close their resources, then the process exits 0. A drain that outlives the timeout exits 1.
 */
export function installGracefulShutdown(app: NestFastifyApplication, timeoutMs: number, logger: Logger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    // Keep-alive sockets of requests that finish during the drain would hold the server open: close them once idle.
    const server = app.getHttpServer();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    app.close().then(
      () => {
        logger.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error)?.message ?? error}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/**
 * The one call in a service's main.ts: build, listen on PORT (or the service's default port), drain on SIGTERM. The
 * only place a service reads `process.env`: everything else gets it injected (PlatformConfig, `provideConfig`).
 */
export async function bootstrapService(
  appModule: Type<unknown>,
  service: ServiceDescriptor,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = new Logger(service.name);
  let app: NestFastifyApplication;
  try {
    app = await createServiceApp(appModule, service, process.env, options);
  } catch (error) {
    // A clear one-paragraph reason (bad env, access-policy violation, missing secret), not a stack trace.
    process.stderr.write(`\n${service.name} failed to start: ${(error as Error)?.message ?? error}\n\n`);
    process.exit(1);
  }
  const config = app.get(PlatformConfig);
  const port = config.port ?? service.defaultPort;
  const host = config.host;
  try {
    await app.listen({ port, host });
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${port} is already in use` : String(error);
    process.stderr.write(`\n${service.name} failed to start: ${reason}\n\n`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  const { port: actualPort } = app.getHttpServer().address() as AddressInfo;
  logger.log(`${service.name} (${service.accessibility}) listening on http://localhost:${actualPort} · docs /docs`);
  installGracefulShutdown(app, config.shutdownTimeoutMs, logger);
  releaseStartupMemory();
  return app;
}
