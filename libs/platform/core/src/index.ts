export * from './lib/accessibility/access.decorators';
export { AccessGuard, type RequestWithCaller } from './lib/accessibility/access.guard';
export { AccessPolicyError, verifyAccessPolicy } from './lib/accessibility/access-policy.verifier';
export { type HandlerInfo } from './lib/accessibility/handler-inventory';
export {
  SERVICE_TOKEN_HEADER,
  SERVICE_TOKEN_TTL_SECONDS,
  ServiceTokenService,
  type VerifiedCaller,
} from './lib/accessibility/service-token.service';
export {
  localStateDir,
  resolveSecret,
  resolveServiceTokenSecret,
  type SecretSpec,
} from './lib/accessibility/service-token-secret';
export { bootstrapService, installGracefulShutdown } from './lib/bootstrap/bootstrap-service';
export { STARTUP_MEMORY_RELEASE } from './lib/bootstrap/release-startup-memory';
export { createServiceApp, type ServiceAppOptions } from './lib/bootstrap/create-service-app';
export { PlatformCoreModule } from './lib/bootstrap/platform-core.module';
export { SERVICE_DESCRIPTOR } from './lib/bootstrap/tokens';
export { envInt, EnvValidationError, PlatformEnv, validateEnv } from './lib/config/platform-env';
export { filterDocument } from './lib/docs/openapi';
export { ReadinessRegistry, type ReadinessCheck } from './lib/health/readiness.registry';
export {
  defaultErrorCode,
  DomainError,
  errorBody,
  ErrorTranslations,
  type ErrorBody,
  type ErrorTranslation,
} from './lib/http/error-response';
export { currentRequestId, REQUEST_ID_HEADER } from './lib/http/request-context';
export {
  DEFAULT_CALL_TIMEOUT_MS,
  InternalHttpClient,
  serviceBaseUrl,
  UpstreamError,
} from './lib/internal-client/internal-http-client';
export { MetricsService } from './lib/observability/metrics';
export { eventually } from './lib/testing/eventually';
