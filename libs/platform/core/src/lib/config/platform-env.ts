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
