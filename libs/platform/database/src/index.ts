export { DatabaseModule, type DatabaseModuleOptions } from './lib/module/database.module';
export {
  createDataSource,
  postgresDataSourceOptions,
  resolveDatabase,
  runMigrations,
  type DatabaseDefinition,
  type LibraryTables,
  type PostgresDataSourceOptions,
} from './lib/data-source';
export { assertMigrationsMatchEntities, SchemaDriftError } from './lib/migrations/schema-drift';
export { migrateAndExit } from './lib/migrations/migrate-command';
export {
  DEFAULT_EMBEDDED_PG_PORT,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './lib/embedded/embedded-postgres';
export { embeddedPostgresDir } from './lib/embedded/embedded-postgres-dir';
export { DatabaseEnv, databaseSettings, type DatabaseSettings } from './lib/config/database-env';
export { describeDatabaseUrl, serviceDatabaseName, type DatabaseTarget } from './lib/connection/database-target';
export { isDatabaseUnavailableError, isUniqueViolation, sqlState } from './lib/connection/database-errors';
export { DatabaseConnectError } from './lib/connection/retry';
export { createTestDatabase, type TestDatabase } from './lib/testing/test-database';
