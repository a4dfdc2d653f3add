import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { asInt, Env, NodeEnvConfig, type OnConfigLoad } from '@ms/platform-core';
import { DEFAULT_EMBEDDED_PG_PORT } from '../embedded/embedded-postgres';

/** How long opening one connection may take; also bounds waiting for a free pooled connection. */
export const CONNECTION_ATTEMPT_TIMEOUT_MS = 3_000;
export const READINESS_TIMEOUT_MS = 1_500;

/**
 * The database adapter's variables, read with `loadConfig(DatabaseSettings, env)`. All optional: unset means the
 * embedded development cluster.
 */
export class DatabaseSettings extends NodeEnvConfig implements OnConfigLoad {
  /** `postgres://user:password@host:port/database`; without a database, the service's own database is used. */
  @Env('DATABASE_URL')
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^/]+/, {
    message: '$property must be a postgres:// URL (postgres://user:password@host:5432/database)',
  })
  readonly url?: string;

  @Env('EMBEDDED_PG_PORT', asInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  readonly embeddedPort: number = DEFAULT_EMBEDDED_PG_PORT;

  /** Total time to wait for the database at start-up (exponential backoff between attempts). */
  @Env('DATABASE_CONNECT_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  readonly connectTimeoutMs: number = 30_000;

  /** Upper bound of a single query, enforced by the server (statement_timeout) and the client (query_timeout). */
  @Env('DATABASE_QUERY_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly queryTimeoutMs: number = 10_000;

  @Env('DATABASE_POOL_SIZE', asInt)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly poolSize: number = 10;

  /** Development and test apply pending migrations at start; production applies them by an explicit command. */
  migrateOnStart = true;

  onConfigLoad(): void {
    this.migrateOnStart = this.nodeEnv !== 'production';
  }
}
