// What services and the launcher use. Test support (scratch databases, the entities-vs-migrations check) is in
// './testing', imported as '@ms/platform-database/testing'.
export { DatabaseModule } from './lib/module/database.module';
export {
  createDataSource,
  resolveDatabase,
  runMigrations,
  type DatabaseDefinition,
  type LibraryTables,
} from './lib/data-source';
export { migrateAndExit } from './lib/migrations/migrate-command';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './lib/embedded/embedded-postgres';
export { embeddedPostgresDir } from './lib/embedded/embedded-postgres-dir';
export { isUniqueViolation } from './lib/connection/database-errors';
