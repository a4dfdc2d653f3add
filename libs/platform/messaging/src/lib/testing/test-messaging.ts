import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { MessagingSettings } from '../config/messaging-settings';
import { amqpQueueNames } from '../transport/amqp-queue-names';
import { sameServerDatabaseUrl } from '../transport/create-transport';

/**
 * Environment that gives one test run its own messaging namespace: its own exchange and queue names on RabbitMQ, its
 * own messaging database on PostgreSQL. Runs sharing a broker or a server then never see each other's events.
 */
export function isolatedMessagingEnv(label = 'test'): Record<string, string> {
  const suffix = randomBytes(4).toString('hex');
  return {
    MESSAGING_EXCHANGE: `${label}.events.${suffix}`,
    MESSAGING_QUEUE_PREFIX: `${label}-${suffix}.`,
    MESSAGING_DATABASE: `ms_messaging_${label.replace(/[^a-z0-9]/g, '_')}_${suffix}`,
  };
}

/**
 * Deletes what an isolated namespace left behind: the queues (with their retry and dead-letter queues) and the
 * exchange on RabbitMQ, or the whole messaging database on PostgreSQL. Only for namespaces made by
 * isolatedMessagingEnv: the default `ms_messaging` database and `ms.events` exchange are refused.
 */
export async function removeTestMessaging(
  settings: MessagingSettings,
  serviceDatabaseUrl: string,
  queues: readonly string[],
): Promise<void> {
  if (settings.exchange === 'ms.events' || settings.messagingDatabase === 'ms_messaging') {
    throw new Error(
      'removeTestMessaging: refusing to delete the default messaging namespace (use isolatedMessagingEnv)',
    );
  }
  if (settings.amqpUrl) {
    const { connect } = await import('amqplib'); // loaded only where RabbitMQ is used
    const connection = await connect(settings.amqpUrl, { timeout: 3000 });
    try {
      const channel = await connection.createChannel();
      for (const queue of queues) {
        const names = amqpQueueNames(queue);
        for (const name of [names.main, names.retry, names.deadLetter]) await channel.deleteQueue(name);
      }
      await channel.deleteExchange(settings.exchange);
    } finally {
      await connection.close();
    }
    return;
  }
  await onServer(serviceDatabaseUrl, `DROP DATABASE IF EXISTS ${quotedDatabase(settings)} WITH (FORCE)`);
}

const run = promisify(execFile);

/** Stops or starts the local RabbitMQ node's application (broker-outage tests; needs `rabbitmqctl` on the PATH). */
export async function rabbitmqctl(command: 'stop_app' | 'start_app'): Promise<void> {
  await run('rabbitmqctl', [command], { timeout: 60_000 });
  if (command === 'start_app') await run('rabbitmqctl', ['await_startup'], { timeout: 60_000 });
}

/**
 * Makes the transport really unreachable for outage tests: RabbitMQ's application stopped (`rabbitmqctl stop_app`),
 * or the messaging database refusing new connections with its open ones terminated. Always pair with
 * bringTransportUp (in a `finally`).
 */
export async function takeTransportDown(settings: MessagingSettings, serviceDatabaseUrl: string): Promise<void> {
  if (settings.amqpUrl) return rabbitmqctl('stop_app');
  await onServer(serviceDatabaseUrl, `ALTER DATABASE ${quotedDatabase(settings)} ALLOW_CONNECTIONS false`);
  await onServer(
    serviceDatabaseUrl,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${settings.messagingDatabase.replace(/'/g, "''")}' AND pid <> pg_backend_pid()`,
  );
}

export async function bringTransportUp(settings: MessagingSettings, serviceDatabaseUrl: string): Promise<void> {
  if (settings.amqpUrl) return rabbitmqctl('start_app');
  await onServer(serviceDatabaseUrl, `ALTER DATABASE ${quotedDatabase(settings)} ALLOW_CONNECTIONS true`);
}

/** Runs SQL on the maintenance database of the server of `url`. */
export async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({
    connectionString: sameServerDatabaseUrl(url, 'postgres'),
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const quotedDatabase = (settings: MessagingSettings) => `"${settings.messagingDatabase.replace(/"/g, '""')}"`;
