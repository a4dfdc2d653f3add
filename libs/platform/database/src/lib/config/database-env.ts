import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { envInt, validateEnv } from '@ms/platform-core';
import { DEFAULT_EMBEDDED_PG_PORT } from '../embedded/embedded-postgres';

/** Environment variables of the database adapter. All optional: unset means the embedded development cluster. */
export class DatabaseEnv {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: 'development' | 'test' | 'production';

  /** `postgres://user:password@host:port/database`; without a database, the service's own database is used. */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^/]+/, {
    message: 'DATABASE_URL must be a postgres:// URL (postgres://user:password@host:5432/database)',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  /** Total time to wait for the database at start-up (exponential backoff between attempts). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS?: number;

  /** Upper bound of a single query, enforced by the server (statement_timeout) and the client (query_timeout). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_QUERY_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsString()
  MS_STATE_DIR?: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
export const DEFAULT_POOL_SIZE = 10;
/** How long opening one connection may take; also bounds waiting for a free pooled connection. */
export const CONNECTION_ATTEMPT_TIMEOUT_MS = 3_000;
export const READINESS_TIMEOUT_MS = 1_500;

export interface DatabaseSettings {
  readonly url?: string;
  readonly embeddedPort: number;
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
  readonly poolSize: number;
  /** Development and test apply pending migrations at start; production applies them by an explicit command. */
  readonly migrateOnStart: boolean;
}

export function databaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  const values = validateEnv(DatabaseEnv, env);
  return {
    url: values.DATABASE_URL,
    embeddedPort: values.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT,
    connectTimeoutMs: values.DATABASE_CONNECT_TIMEOUT_MS ?? DEFAULT_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: values.DATABASE_QUERY_TIMEOUT_MS ?? DEFAULT_QUERY_TIMEOUT_MS,
    poolSize: values.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE,
    migrateOnStart: values.NODE_ENV !== 'production',
  };
}
