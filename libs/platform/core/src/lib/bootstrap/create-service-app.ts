import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import { Logger as NestLogger, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { resolveServiceTokenSecret } from '../accessibility/service-token-secret';
import { DEFAULT_BODY_LIMIT_BYTES, PlatformEnv, validateEnv } from '../config/platform-env';
import { setUpOpenApi } from '../docs/openapi';
import { rejectHostileInput } from '../input/hostile-input';
import { resolveRequestId } from '../http/request-context';
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
}

export async function createServiceApp(
  appModule: Type<unknown>,
  service: ServiceDescriptor,
  env: NodeJS.ProcessEnv = process.env,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const config = validateEnv(PlatformEnv, env);
  const { secret, origin } = resolveServiceTokenSecret(env);
  const logLevel = config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'silent' : 'info');

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT_BYTES,
    return503OnClosing: true,
    // One validated id per request, shared by Fastify, the logger and the request context.
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => resolveRequestId(req),
  });
  rejectHostileInput(adapter.getInstance()); // broken URLs, NUL characters and deep JSON: 400 before any handler
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: ServiceRootModule,
      imports: [PlatformCoreModule.forRoot({ service, serviceTokenSecret: secret, logLevel }), appModule],
    },
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  try {
    const logger = app.get(Logger);
    app.useLogger(logger);
    if (origin === 'development-file') {
      new NestLogger('ServiceTokens').warn('SERVICE_TOKEN_SECRET unset: using the shared development key in .data/');
    }

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          // Services are reached over plain HTTP inside a cluster and on localhost; TLS ends at the ingress.
          upgradeInsecureRequests: null,
        },
      },
    });
    const origins =
      config.CORS_ORIGINS?.split(',')
        .map((o) => o.trim())
        .filter(Boolean) ?? [];
    if (origins.length > 0) app.enableCors({ origin: origins });

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
