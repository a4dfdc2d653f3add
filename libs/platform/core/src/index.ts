// What services (and the other platform libraries) use. Test support is in './testing', imported as
// '@ms/platform-core/testing'.
export { Handles, Internal, Public } from './lib/accessibility/access.decorators';
export { SERVICE_TOKEN_HEADER } from './lib/accessibility/service-token.service';
export { localStateDir, resolveSecret } from './lib/accessibility/service-token-secret';
export { bootstrapService } from './lib/bootstrap/bootstrap-service';
export { STARTUP_MEMORY_RELEASE } from './lib/bootstrap/release-startup-memory';
export { createServiceApp } from './lib/bootstrap/create-service-app';
export { SERVICE_DESCRIPTOR } from './lib/bootstrap/tokens';
export {
  asInt,
  asList,
  configVariables,
  Env,
  EnvValidationError,
  loadConfig,
  NodeEnvConfig,
  provideConfig,
  SERVICE_ENV,
  type Environment,
  type EnvOptions,
  type OnConfigLoad,
} from './lib/config/config';
export { PlatformConfig } from './lib/config/platform-config';
export { filterDocument } from './lib/docs/openapi';
export { ReadinessRegistry } from './lib/health/readiness.registry';
export { ServiceInfo, ServiceInfoDto } from './lib/info/service-info';
export { DomainError, errorBody, ErrorTranslations, type ErrorBody } from './lib/http/error-response';
export { REQUEST_ID_HEADER } from './lib/http/request-context';
// UpstreamError: what the internal client (and so every typed client) throws when the callee fails.
export { InternalHttpClient, serviceBaseUrl, UpstreamError } from './lib/internal-client/internal-http-client';
