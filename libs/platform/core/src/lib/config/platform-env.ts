import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * class-transformer `@Transform` for integer environment variables: unset or empty → undefined (so `@IsOptional`
 * applies), anything else → a number for `@IsInt`/`@Min`/`@Max` to check.
 */
export const envInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** Environment variables every service understands. Adapters validate their own (DATABASE_URL, REDIS_URL, …). */
export class PlatformEnv {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: 'development' | 'test' | 'production';

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32)
  SERVICE_TOKEN_SECRET?: string;

  /** Comma-separated origins allowed by CORS; unset means CORS stays closed. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SHUTDOWN_TIMEOUT_MS?: number;

  /** A client must send all request headers within this (slowloris); answered 408 and closed. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  HEADERS_TIMEOUT_MS?: number;

  /** A client must send the whole request, body included, within this; answered 408 and closed. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  REQUEST_TIMEOUT_MS?: number;

  /** An idle keep-alive connection is closed after this (above a load balancer's idle timeout, typically 60 s). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  KEEP_ALIVE_TIMEOUT_MS?: number;

  /** A connection with no traffic in either direction for this long is closed. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CONNECTION_TIMEOUT_MS?: number;
}

export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError';
}

/**
 * Validates `env` against a class-validator schema and returns the typed values. Every bad variable is named:
 * `Invalid environment: PORT must not be greater than 65535`.
 */
export function validateEnv<T extends object>(schema: new () => T, env: Record<string, unknown>): T {
  const values = plainToInstance(schema, env, { enableImplicitConversion: false });
  const errors = validateSync(values, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const details = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new EnvValidationError(`Invalid environment: ${details.join('; ')}`);
  }
  return values;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Server timeouts: defaults far above any real request, far below what a stalled client could hold a socket for. */
export const DEFAULT_SERVER_TIMEOUTS_MS = {
  headers: 10_000,
  request: 30_000,
  keepAlive: 72_000,
  connection: 60_000,
} as const;

export interface ServerTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
  readonly keepAliveMs: number;
  readonly connectionMs: number;
}

/** The server timeouts from validated env; the headers must be due no later than the whole request. */
export function serverTimeouts(env: PlatformEnv): ServerTimeouts {
  const timeouts = {
    headersMs: env.HEADERS_TIMEOUT_MS ?? DEFAULT_SERVER_TIMEOUTS_MS.headers,
    requestMs: env.REQUEST_TIMEOUT_MS ?? DEFAULT_SERVER_TIMEOUTS_MS.request,
    keepAliveMs: env.KEEP_ALIVE_TIMEOUT_MS ?? DEFAULT_SERVER_TIMEOUTS_MS.keepAlive,
    connectionMs: env.CONNECTION_TIMEOUT_MS ?? DEFAULT_SERVER_TIMEOUTS_MS.connection,
  };
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new EnvValidationError(
      `Invalid environment: HEADERS_TIMEOUT_MS (${timeouts.headersMs}) must not be greater than REQUEST_TIMEOUT_MS (${timeouts.requestMs})`,
    );
  }
  return timeouts;
}
