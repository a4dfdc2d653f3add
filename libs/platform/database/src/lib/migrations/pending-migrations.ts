import type { DataSource } from 'typeorm';

/** PostgreSQL's "relation does not exist": no migration has ever run here. */
const UNDEFINED_TABLE = '42P01';

/**
 * The names of the service's migrations that this database has not applied yet, in order (TypeORM's own bookkeeping
 * table, `migrations`, says which ran). Empty when the schema is current.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  if (known.length === 0) return [];
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  let applied: Set<string>;
  try {
    const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${dataSource.driver.escape(table)}`);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
    applied = new Set();
  }
  return known.filter((name) => !applied.has(name));
}
