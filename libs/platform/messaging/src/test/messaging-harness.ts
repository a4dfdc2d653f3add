import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, runMigrations, type TestDatabase } from '@ms/platform-database';
import { messagingSettings, type MessagingSettings } from '../lib/config/messaging-settings';
import { defineEvent } from '../lib/events/event';
import { Messaging, serviceQueueName } from '../lib/messaging';
import { createTransport, sameServerDatabaseUrl } from '../lib/transport/create-transport';
import { CreateMessagingTables1767225600000 } from '../lib/outbox/create-messaging-tables.migration';
import { OutboxMessage } from '../lib/outbox/outbox-message.entity';
import { ProcessedEvent } from '../lib/consumer/processed-event.entity';

export interface OrderPlaced {
  readonly orderId: string;
}
export const OrderPlacedEvent = defineEvent<OrderPlaced>('order.placed');

/** A transport under test: how to take it down and bring it back, and where its dead letters are. */
export interface TransportUnderTest {
  readonly env: NodeJS.ProcessEnv;
  takeDown(settings: MessagingSettings, serviceDatabaseUrl: string): Promise<void>;
  bringUp(settings: MessagingSettings, serviceDatabaseUrl: string): Promise<void>;
  deadLetterEventIds(settings: MessagingSettings, serviceDatabaseUrl: string, queue: string): Promise<string[]>;
  /** Removes what this run created on the transport (queues, exchange, messaging database). */
  cleanUp(settings: MessagingSettings, serviceDatabaseUrl: string, queues: string[]): Promise<void>;
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
    entities: [OutboxMessage, ProcessedEvent],
    migrations: [CreateMessagingTables1767225600000],
    poolSize: 5,
    extra: { query_timeout: 10_000 },
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.query(`CREATE TABLE effects (event_id uuid NOT NULL, consumer text NOT NULL, order_id text NOT NULL)`);
  return { db, dataSource };
}

export function testSettings(transport: TransportUnderTest, suffix: string): MessagingSettings {
  return messagingSettings({
    ...transport.env,
    MESSAGING_EXCHANGE: `test.events.${suffix}`,
    MESSAGING_DATABASE: `ms_messaging_test_${suffix}`,
    MESSAGING_MAX_ATTEMPTS: '3',
    MESSAGING_RETRY_DELAY_MS: '100',
    MESSAGING_POLL_INTERVAL_MS: '50',
    MESSAGING_PUBLISH_TIMEOUT_MS: '2000',
  });
}

export async function startService(dataSource: DataSource, serviceName: string, settings: MessagingSettings, serviceDatabaseUrl: string) {
  const messaging = new Messaging(dataSource, serviceName, await createTransport(settings, serviceDatabaseUrl), settings);
  return { messaging, queue: serviceQueueName(serviceName) };
}

/** Publishes through the outbox in a committed transaction. */
export async function placeOrder(dataSource: DataSource, messaging: Messaging, orderId: string): Promise<string> {
  return dataSource.transaction(async (manager) => (await messaging.publishInTransaction(manager, OrderPlacedEvent, { orderId })).id);
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs SQL on the maintenance database of the server of `url`. */
export async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: sameServerDatabaseUrl(url, 'postgres'), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
