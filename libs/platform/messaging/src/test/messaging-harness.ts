import { randomBytes } from 'node:crypto';
import { IsNotEmpty, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { runMigrations } from '@ms/platform-database';
import { createTestDatabase, type TestDatabase } from '@ms/platform-database/testing';
export { eventually } from '@ms/platform-core/testing';
import { loadConfig } from '@ms/platform-core';
import { MessagingSettings } from '../lib/config/messaging-settings';
import { defineEvent } from '../lib/events/event';
import { Messaging } from '../lib/messaging';
import { isolatedMessagingEnv } from '../lib/testing/test-messaging';
import { createTransport } from '../lib/transport/create-transport';
import { MESSAGING_TABLES } from '../lib/outbox/messaging-tables';

export class OrderPlaced {
  @IsString()
  @IsNotEmpty()
  readonly orderId!: string;
}
export const OrderPlacedEvent = defineEvent('order.placed', OrderPlaced);

/** A transport under test: the environment that selects it, and where its dead letters are. */
export interface TransportUnderTest {
  readonly env: NodeJS.ProcessEnv;
  deadLetterEventIds(settings: MessagingSettings, serviceDatabaseUrl: string, queue: string): Promise<string[]>;
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** The service database (with the messaging tables and an `effects` table that has no uniqueness on purpose). */
export async function openServiceDatabase(): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase('messaging');
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    entities: MESSAGING_TABLES.entities,
    migrations: MESSAGING_TABLES.migrations,
    poolSize: 5,
    extra: { query_timeout: 10_000 },
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.query(
    `CREATE TABLE effects (event_id uuid NOT NULL, consumer text NOT NULL, order_id text NOT NULL)`,
  );
  return { db, dataSource };
}

export function testSettings(transport: TransportUnderTest): MessagingSettings {
  return loadConfig(MessagingSettings, {
    ...transport.env,
    ...isolatedMessagingEnv(),
    MESSAGING_MAX_ATTEMPTS: '3',
    MESSAGING_RETRY_DELAY_MS: '100',
    MESSAGING_POLL_INTERVAL_MS: '50',
    MESSAGING_PUBLISH_TIMEOUT_MS: '2000',
  });
}

export async function startService(
  dataSource: DataSource,
  serviceName: string,
  settings: MessagingSettings,
  serviceDatabaseUrl: string,
) {
  const messaging = new Messaging(
    dataSource,
    serviceName,
    await createTransport(settings, serviceDatabaseUrl),
    settings,
  );
  return { messaging, queue: messaging.queue };
}

/** Publishes through the outbox in a committed transaction. */
export async function placeOrder(dataSource: DataSource, messaging: Messaging, orderId: string): Promise<string> {
  return dataSource.transaction(
    async (manager) => (await messaging.publishInTransaction(manager, OrderPlacedEvent, { orderId })).id,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
