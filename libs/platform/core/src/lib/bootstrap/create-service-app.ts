import { Logger as NestLogger, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { configsOf, loadConfigs, type Environment } from '../config/config';
import { PlatformConfig } from '../config/platform-config';
import { setUpOpenApi } from '../docs/openapi';
import { resolveRequestId } from '../http/request-context';
import { HOSTILE_INPUT_SERVER_OPTIONS } from '../input/hostile-input';
import { installRequestHooks } from '../http/request-hooks';
import { createLogger, lazyRequestLogger, PinoNestLogger, RequestLogController } from '../observability/logging';
import { MetricsService } from '../observability/metrics';
import { PlatformCoreModule } from './platform-core.module';

@Module({})
class ServiceRootModule {}

/**
 * Builds (but does not start) a service: Fastify, the platform core and the service's own module. Throws on bad
 * environment or an access-policy violation. Tests use it with `app.inject`; `bootstrapService` adds listen and
 * shutdown handling.
 */
export interface ServiceAppOptions {
  /**
   * Serve this service's own public OpenAPI document at /docs and /docs-json (default true). The gateway turns it
   * off to serve the aggregated document of all public services there instead.
   */
  readonly publicDocs?: boolean;
  /** Where log lines go (default: stdout, asynchronously). Tests pass a stream to read them. */
  readonly logDestination?: DestinationStream;
}

export async function createServiceApp(
  appModule: Type<unknown>,
  service: ServiceDescriptor,
  env: Environment,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  // Every config of the platform, the adapters and the service, read once, here: one error names every bad variable.
  // Nest then injects them (PlatformConfig, MessagingSettings, …) instead of reading the environment again.
  const configs = loadConfigs([PlatformConfig, ...configsOf(appModule)], env);
  const config = configs.get(PlatformConfig) as PlatformConfig;
  const logger = createLogger(service.name, config.logLevel, options.logDestination);

  // Per-request work lives in Fastify hooks and its log controller: no Express-style middleware, no interceptors.
  const adapter = new FastifyAdapter({
    ...HOSTILE_INPUT_SERVER_OPTIONS, // the router's own 400s (undecodable path) in the platform's error shape
    loggerInstance: logger,
    childLoggerFactory: lazyRequestLogger,
    logController: new RequestLogController(logger),
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    // One validated id per request, shared by Fastify, the logger and the request context.
    requestIdHeader: false,
    genReqId: resolveRequestId,
    // A client that stalls mid-request is answered 408 and cut off; idle sockets are closed.
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // How often Node looks for connections past those timeouts (its default, 30 s, would let them overstay).
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    },
  });
  // Headers, request id, hostile-input checks and the request context: before Nest adds its own hooks.
  installRequestHooks(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: ServiceRootModule,
      imports: [PlatformCoreModule.forRoot({ service, config, configs, env }), appModule],
    },
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  try {
    if (config.serviceToken.origin === 'development-file') {
      new NestLogger('ServiceTokens').warn('SERVICE_TOKEN_SECRET unset: using the shared development key in .data/');
    }
    if (config.corsOrigins.length > 0) app.enableCors({ origin: [...config.corsOrigins] });

    const fastify = app.getHttpAdapter().getInstance();
    app.get(MetricsService).instrument(fastify);
    setUpOpenApi(app, service, options.publicDocs ?? true);
    await app.init();
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
