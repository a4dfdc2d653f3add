import { Client } from 'pg';
import type { MessagingSettings } from '../config/messaging-settings';
import { PostgresTransport } from './postgres-transport';
import type { MessageTransport } from './transport';

/** The URL of `database` on the server of `serverUrl` (same credentials). */
export function sameServerDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Creates `database` next to the service's database when missing (concurrent creators are fine). */
async function ensureDatabaseOnServer(serviceDatabaseUrl: string, database: string): Promise<void> {
  const client = new Client({
    connectionString: serviceDatabaseUrl,
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
      // 42P04 duplicate_database, 23505: pg_database unique index when two services create it at once
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await client.end();
  }
}

/**
 * RabbitMQ when AMQP_URL is set; otherwise the PostgreSQL transport on database MESSAGING_DATABASE (default
 * `ms_messaging`) on the server that holds the service's own database (embedded cluster or DATABASE_URL's server).
 */
export async function createTransport(
  settings: MessagingSettings,
  serviceDatabaseUrl: string,
): Promise<MessageTransport> {
  if (settings.amqpUrl) {
    // amqplib and its connection manager are loaded only by services that use RabbitMQ.
    const { AmqpTransport } = await import('./amqp-transport');
    return new AmqpTransport(settings.amqpUrl, settings);
  }
  await ensureDatabaseOnServer(serviceDatabaseUrl, settings.messagingDatabase);
  return new PostgresTransport(sameServerDatabaseUrl(serviceDatabaseUrl, settings.messagingDatabase), settings);
}
