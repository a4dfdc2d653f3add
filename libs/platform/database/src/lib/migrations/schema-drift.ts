import { DataSource } from 'typeorm';
import { loadConfig } from '@ms/platform-core';
import { DatabaseSettings } from '../config/database-env';
import { postgresDataSourceOptions, type DatabaseDefinition } from '../data-source';
import { createTestDatabase } from '../testing/test-database';

/** Entities describe a schema the migrations do not produce. */
export class SchemaDriftError extends Error {
  override readonly name = 'SchemaDriftError';

  constructor(readonly pendingQueries: readonly string[]) {
    super(
      `entities and migrations disagree: after running every migration on an empty database, the entities still ` +
        `need ${pendingQueries.length} change(s). Generate a migration for them ` +
        `(typeorm migration:generate) and commit it:\n${pendingQueries.map((query) => `  ${query};`).join('\n')}`,
    );
  }
}

/**
 * Proves that the committed migrations build exactly the schema the entities describe: runs every migration on a
 * new, empty database, then asks TypeORM's schema builder what it would still change. Throws SchemaDriftError
 * listing that SQL. Every service calls this in a test, so a forgotten migration fails CI instead of production.
 */
export async function assertMigrationsMatchEntities(definition: DatabaseDefinition): Promise<void> {
  const env = definition.env ?? process.env;
  const database = await createTestDatabase('schema_check', env);
  const dataSource = new DataSource(
    postgresDataSourceOptions(database.url, definition, loadConfig(DatabaseSettings, env)),
  );
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    if (pending.upQueries.length > 0) throw new SchemaDriftError(pending.upQueries.map((query) => query.query));
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}
