import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions, type EntitySchema, type Migration } from 'typeorm';
import { loadConfig } from '@ms/platform-core';
import { CONNECTION_ATTEMPT_TIMEOUT_MS, DatabaseSettings } from './config/database-env';
import { ensureDatabase, resolveDatabaseTarget, type DatabaseTarget } from './connection/database-target';
import { retryWhileUnavailable } from './connection/retry';

/** TypeORM options for PostgreSQL, as every function here returns them. */
export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity/migration classes
type ClassList = Function[];

/** Tables a platform library keeps in the service's database, e.g. messaging's outbox: its entities and migrations. */
export interface LibraryTables {
  /** The library, named in error messages. */
  readonly library: string;
  readonly entities: ClassList;
  readonly migrations: ClassList;
}

/** What a service persists: its entity classes and its committed migration classes. */
export interface DatabaseDefinition {
  /** Names the database when DATABASE_URL names none (dashes become underscores) and the pg application_name. */
  readonly serviceName: string;
  readonly entities: ClassList | EntitySchema[];
  readonly migrations: ClassList;
  /** Libraries whose tables live in this database too, e.g. `[MESSAGING_TABLES]` from @ms/platform-messaging. */
  readonly libraryTables?: readonly LibraryTables[];
  /** Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** How long a pooled connection may sit idle before it is closed (pg's default is 10 s). */
export const IDLE_CONNECTION_TIMEOUT_MS = 5 * 60_000;

/**
 * The one place TypeORM options are built. `synchronize` is never on: the schema changes only through committed
 * migrations. Every wait is bounded: opening a connection (and waiting for a pooled one), and each query on both
 * the client (`query_timeout`) and the server (`statement_timeout`), so a lost database is an error, not a hang.
 */
export function postgresDataSourceOptions(
  url: string,
  definition: Pick<DatabaseDefinition, 'serviceName' | 'entities' | 'migrations' | 'libraryTables'>,
  settings: Pick<DatabaseSettings, 'queryTimeoutMs' | 'poolSize'>,
): PostgresDataSourceOptions {
  const logger = new Logger('Database');
  const libraries = definition.libraryTables ?? [];
  return {
    type: 'postgres',
    url,
    // TypeORM runs migrations in the order of their timestamps, whoever brings them.
    entities: [...definition.entities, ...libraries.flatMap((tables) => tables.entities)] as ClassList,
    migrations: [...definition.migrations, ...libraries.flatMap((tables) => tables.migrations)],
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    applicationName: definition.serviceName,
    connectTimeoutMS: CONNECTION_ATTEMPT_TIMEOUT_MS,
    poolSize: settings.poolSize,
    extra: {
      query_timeout: settings.queryTimeoutMs,
      statement_timeout: settings.queryTimeoutMs,
      idle_in_transaction_session_timeout: settings.queryTimeoutMs * 6,
      // pg's default closes a connection idle for 10 s: the next burst then waits for a new backend, whose first
      // statements load the catalogue again (seen: 12 ms to bind, 22 ms to run a 1 ms count). Keep them a while.
      idleTimeoutMillis: IDLE_CONNECTION_TIMEOUT_MS,
    },
    // Idle pooled connections die when the server restarts; the pool drops them and opens new ones on demand.
    poolErrorHandler: (error: Error) => logger.warn(`database connection lost: ${error.message}`),
  };
}

/**
 * Resolves where the service's data lives (DATABASE_URL or the embedded cluster), creates the service's own database
 * when missing and returns TypeORM options. Waits for an unreachable server within DATABASE_CONNECT_TIMEOUT_MS.
 */
export async function resolveDatabase(
  definition: DatabaseDefinition,
  settings: DatabaseSettings = loadConfig(DatabaseSettings, definition.env ?? process.env),
): Promise<{ target: DatabaseTarget; settings: DatabaseSettings; options: PostgresDataSourceOptions }> {
  const env = definition.env ?? process.env;
  const target = await resolveDatabaseTarget(definition.serviceName, settings, env);
  try {
    await ensureDatabase(target, settings.connectTimeoutMs);
  } catch (error) {
    await target.release();
    throw error;
  }
  return { target, settings, options: postgresDataSourceOptions(target.url, definition, settings) };
}

/**
 * A DataSource (not yet initialised) for the service, e.g. as the default export of a TypeORM CLI data-source file:
 *
 * ```ts
 * // apps/orders/src/data-source.ts  →  typeorm migration:run -d apps/orders/src/data-source.ts
 * export default createDataSource({ serviceName: 'orders', entities: [Order], migrations: [CreateOrders1700000000000] });
 * ```
 */
export async function createDataSource(definition: DatabaseDefinition): Promise<DataSource> {
  const { options } = await resolveDatabase(definition);
  return new DataSource(options);
}

/** Initialises `dataSource`, retrying while the database is unavailable (bounded), and destroys it on failure. */
export async function initializeDataSource(
  dataSource: DataSource,
  description: string,
  connectTimeoutMs: number,
): Promise<DataSource> {
  return retryWhileUnavailable(description, connectTimeoutMs, async () => {
    try {
      return await dataSource.initialize();
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Applies pending migrations, each in its own transaction, and returns those applied. Production runs this from an
 * explicit command (a `migrate` target or the TypeORM CLI), never at service start. A DataSource passed in is
 * initialised if needed and left as it was found; options get a DataSource of their own that is closed afterwards.
 */
export async function runMigrations(source: DataSourceOptions | DataSource): Promise<Migration[]> {
  const dataSource = source instanceof DataSource ? source : new DataSource(source);
  const openedHere = !dataSource.isInitialized;
  if (openedHere) await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    return applied;
  } finally {
    if (openedHere) await dataSource.destroy();
  }
}
