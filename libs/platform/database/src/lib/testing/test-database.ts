import { randomBytes } from 'node:crypto';
import { loadConfig } from '@ms/platform-core';
import { DatabaseSettings } from '../config/database-env';
import { createDatabase, dropDatabase, resolveDatabaseTarget, withDatabase } from '../connection/database-target';

export interface TestDatabase {
  /** Connection URL of the new, empty database (pass it as DATABASE_URL). */
  readonly url: string;
  readonly name: string;
  /** Drops the database and ends this process's use of the embedded cluster. */
  drop(): Promise<void>;
}

/**
 * A new, uniquely named, empty database for one test file, on the server of DATABASE_URL when set or on the shared
 * embedded cluster otherwise; so concurrent test runs never see each other's rows.
 */
export async function createTestDatabase(prefix = 'test', env: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  const settings = loadConfig(DatabaseSettings, env);
  const server = await resolveDatabaseTarget('postgres', settings, env);
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const maintenanceUrl = withDatabase(server.url, 'postgres');
  try {
    await createDatabase(maintenanceUrl, name);
  } catch (error) {
    await server.release();
    throw error;
  }
  let dropped = false;
  return {
    url: withDatabase(server.url, name),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      try {
        await dropDatabase(maintenanceUrl, name);
      } finally {
        await server.release();
      }
    },
  };
}
