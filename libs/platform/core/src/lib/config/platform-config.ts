import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { resolveServiceTokenSecret, type SecretSource } from '../accessibility/service-token-secret';
import { asInt, asList, Env, EnvValidationError, NodeEnvConfig, type Environment, type OnConfigLoad } from './config';

/**
 * Environment variables every service understands, read once by `createServiceApp` (inject `PlatformConfig` to read
 * them). Adapters and services declare their own config classes the same way (DATABASE_URL, REDIS_URL, …).
 */
export class PlatformConfig extends NodeEnvConfig implements OnConfigLoad {
  /** Listen port; unset → the service's `defaultPort`. */
  @Env('PORT', asInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  readonly port?: number;

  @Env('HOST')
  @IsString()
  readonly host: string = '0.0.0.0';

  /** pino level; unset → `info`, `silent` under NODE_ENV=test. */
  @Env('LOG_LEVEL')
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel!: string;

  /** Shared key of service tokens; unset → the generated development key (refused in production). */
  @Env('SERVICE_TOKEN_SECRET')
  @IsOptional()
  @IsString()
  @MinLength(32)
  readonly configuredServiceTokenSecret?: string;

  /** Origins allowed by CORS (comma-separated); none means CORS stays closed. */
  @Env('CORS_ORIGINS', asList)
  @IsString({ each: true })
  readonly corsOrigins: readonly string[] = [];

  @Env('BODY_LIMIT_BYTES', asInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  readonly bodyLimitBytes: number = 1024 * 1024;

  /** Longest drain on SIGTERM. */
  @Env('SHUTDOWN_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  readonly shutdownTimeoutMs: number = 10_000;

  // Server timeouts: far above any real request, far below what a stalled client could hold a socket for.

  /** A client must send all request headers within this (slowloris); answered 408 and closed. */
  @Env('HEADERS_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly headersTimeoutMs: number = 10_000;

  /** A client must send the whole request, body included, within this; answered 408 and closed. */
  @Env('REQUEST_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly requestTimeoutMs: number = 30_000;

  /** An idle keep-alive connection is closed after this (above a load balancer's idle timeout, typically 60 s). */
  @Env('KEEP_ALIVE_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly keepAliveTimeoutMs: number = 72_000;

  /** A connection with no traffic in either direction for this long is closed. */
  @Env('CONNECTION_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  readonly connectionTimeoutMs: number = 60_000;

  /** The service-token key and where it came from (resolved once, at load). */
  serviceToken!: SecretSource;

  onConfigLoad(env: Environment): void {
    if (this.headersTimeoutMs > this.requestTimeoutMs) {
      throw new EnvValidationError(
        `HEADERS_TIMEOUT_MS (${this.headersTimeoutMs}) must not be greater than REQUEST_TIMEOUT_MS (${this.requestTimeoutMs})`,
      );
    }
    this.logLevel ??= this.nodeEnv === 'test' ? 'silent' : 'info';
    this.serviceToken = resolveServiceTokenSecret(env);
  }
}
