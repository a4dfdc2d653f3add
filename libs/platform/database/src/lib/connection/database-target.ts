import { Client, type ClientConfig } from 'pg';
import { CONNECTION_ATTEMPT_TIMEOUT_MS, type DatabaseSettings } from '../config/database-env';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { embeddedPostgresDir } from '../embedded/embedded-postgres-dir';
import { sqlState } from './database-errors';
import { retryWhileUnavailable } from './retry';

/** Where a service's data lives, resolved from DATABASE_URL or the embedded cluster. */
export interface DatabaseTarget {
  /** Full connection URL including the database. Contains the password: never log it, log `description`. */
  readonly url: string;
  readonly database: string;
  /** `host:port/database`, safe for logs and error messages. */
  readonly description: string;
  /** True for the service's own database (URL without a database, or embedded): created when missing. */
  readonly createIfMissing: boolean;
  /** Ends this process's use of the embedded cluster; a no-op for an external server. */
  release(): Promise<void>;
}

/** `product-search` → `product_search`: dashes are not valid in unquoted identifiers. */
export function serviceDatabaseName(serviceName: string): string {
  const name = serviceName.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name.length > 63) {
    throw new Error(`service name "${serviceName}" does not make a valid PostgreSQL database name`);
  }
  return name;
}

/** `host:port/database` of a connection URL, without user or password. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}/${databaseOf(parsed) ?? ''}`;
}

function databaseOf(url: URL): string | undefined {
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return name === '' ? undefined : name;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * DATABASE_URL set: that server, and its database or else the service's own. Unset: the shared embedded cluster
 * (started or joined) under `localStateDir()/postgres`, with one database per service.
 */
export async function resolveDatabaseTarget(
  serviceName: string,
  settings: DatabaseSettings,
  env: NodeJS.ProcessEnv,
): Promise<DatabaseTarget> {
  if (settings.url) {
    const named = databaseOf(new URL(settings.url));
    const database = named ?? serviceDatabaseName(serviceName);
    const url = withDatabase(settings.url, database);
    return {
      url,
      database,
      description: describeDatabaseUrl(url),
      createIfMissing: !named,
      release: async () => undefined,
    };
  }
  const cluster = await startEmbeddedPostgres({ dir: embeddedPostgresDir(env), port: settings.embeddedPort });
  const database = serviceDatabaseName(serviceName);
  const url = withDatabase(cluster.url, database);
  return { url, database, description: describeDatabaseUrl(url), createIfMissing: true, release: () => cluster.stop() };
}

/** pg client settings shared by one-off maintenance connections: bounded connect and query time. */
export function clientConfig(url: string): ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: CONNECTION_ATTEMPT_TIMEOUT_MS, query_timeout: 10_000 };
}

async function withClient<T>(url: string, action: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(clientConfig(url));
  client.on('error', () => undefined); // a dropped idle connection surfaces through the pending query instead
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Waits (with backoff, bounded by `connectTimeoutMs`) until the target database accepts connections, creating it
 * first when it is the service's own and missing. Concurrent creators are fine: "already exists" counts as success.
 */
export async function ensureDatabase(target: DatabaseTarget, connectTimeoutMs: number): Promise<void> {
  await retryWhileUnavailable(target.description, connectTimeoutMs, async () => {
    try {
      await withClient(target.url, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (sqlState(error) !== '3D000' || !target.createIfMissing) throw error; // 3D000: database does not exist
    }
    await createDatabase(withDatabase(target.url, 'postgres'), target.database);
  });
}

/** Creates `database` on the server of `maintenanceUrl`; an existing one (or a concurrent creator) is fine. */
export async function createDatabase(maintenanceUrl: string, database: string): Promise<void> {
  await withClient(maintenanceUrl, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } catch (error) {
      // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on pg_database's unique index.
      const code = sqlState(error);
      if (code !== '42P04' && code !== '23505') throw error;
    }
  });
}

/** Drops `database` on the server of `maintenanceUrl`, closing its remaining connections. */
export async function dropDatabase(maintenanceUrl: string, database: string): Promise<void> {
  await withClient(maintenanceUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
  );
}

export { withDatabase };
