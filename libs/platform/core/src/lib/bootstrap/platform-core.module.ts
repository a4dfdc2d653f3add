import { DynamicModule, Global, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { AccessGuard } from '../accessibility/access.guard';
import { AccessPolicyVerifier } from '../accessibility/access-policy.verifier';
import { ServiceTokenService } from '../accessibility/service-token.service';
import { LOADED_CONFIGS, SERVICE_ENV, type Environment } from '../config/config';
import { PlatformConfig } from '../config/platform-config';
import { InternalDocsController, OpenApiDocuments } from '../docs/openapi';
import { HealthController } from '../health/health.controller';
import { ServiceInfo } from '../info/service-info';
import { ReadinessRegistry } from '../health/readiness.registry';
import { ErrorResponseFilter, ErrorTranslations } from '../http/error-response';
import { InternalHttpClient } from '../internal-client/internal-http-client';
import { MetricsController, MetricsService } from '../observability/metrics';
import { SERVICE_DESCRIPTOR } from './tokens';

export interface PlatformCoreOptions {
  readonly service: ServiceDescriptor;
  /** The platform's variables, read by createServiceApp before Nest starts. */
  readonly config: PlatformConfig;
  /** The app's other configs, read together with it (what `provideConfig` providers hand out). */
  readonly configs: ReadonlyMap<unknown, object>;
  /** What every `provideConfig(…)` of the service and its adapters reads. */
  readonly env: Environment;
}

/**
 * Everything a service gets from the platform: access guard and policy check, service tokens, internal client,
 * error shape, validation, config, health and metrics (logging and per-request hooks: createServiceApp). Global, so
 * adapters and features can inject it.
 */
@Global()
@Module({})
export class PlatformCoreModule {
  static forRoot(options: PlatformCoreOptions): DynamicModule {
    return {
      module: PlatformCoreModule,
      imports: [
        TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }),
        JwtModule.register({ secret: options.config.serviceToken.secret, signOptions: { algorithm: 'HS256' } }),
        DiscoveryModule,
      ],
      controllers: [HealthController, MetricsController, InternalDocsController],
      providers: [
        { provide: SERVICE_DESCRIPTOR, useValue: options.service },
        { provide: PlatformConfig, useValue: options.config },
        { provide: SERVICE_ENV, useValue: options.env },
        { provide: LOADED_CONFIGS, useValue: options.configs },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        ErrorTranslations,
        ServiceTokenService,
        AccessPolicyVerifier,
        ReadinessRegistry,
        MetricsService,
        OpenApiDocuments,
        InternalHttpClient,
        ServiceInfo,
      ],
      exports: [
        SERVICE_DESCRIPTOR,
        PlatformConfig,
        SERVICE_ENV,
        LOADED_CONFIGS,
        ErrorTranslations,
        ServiceTokenService,
        ReadinessRegistry,
        MetricsService,
        InternalHttpClient,
        ServiceInfo,
      ],
    };
  }
}
