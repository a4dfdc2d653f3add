import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { parseEnvelope, type EventEnvelope } from '../events/event';
import { isPermanentFailure } from '../events/event-payload';
import { retryDelay, type MessagingSettings } from '../config/messaging-settings';
import {
  TransportUnavailableError,
  withTimeout,
  type MessageTransport,
  type QueueConsumer,
  type TransportStatus,
} from './transport';

type Settings = Pick<
  MessagingSettings,
  'maxAttempts' | 'retryDelayMs' | 'pollIntervalMs' | 'publishTimeoutMs' | 'visibilityTimeoutMs'
>;

const SCHEMA_LOCK = 0x6d735f6d; // advisory lock id: concurrent services create the tables once

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS messaging_subscriptions (
    queue text NOT NULL, event_type text NOT NULL, PRIMARY KEY (queue, event_type));
  CREATE TABLE IF NOT EXISTS messaging_deliveries (
    id bigserial PRIMARY KEY, queue text NOT NULL, event_id uuid NOT NULL, envelope jsonb NOT NULL,
    attempts integer NOT NULL DEFAULT 0, available_at timestamptz NOT NULL DEFAULT now(), last_error text,
    UNIQUE (queue, event_id));
  CREATE INDEX IF NOT EXISTS messaging_deliveries_due ON messaging_deliveries (queue, available_at, id);
  CREATE TABLE IF NOT EXISTS messaging_dead_letters (
    id bigserial PRIMARY KEY, queue text NOT NULL, event_id uuid NOT NULL, envelope jsonb NOT NULL,
    attempts integer NOT NULL, last_error text, dead_at timestamptz NOT NULL DEFAULT now());
`;

/**
 * Zero-setup transport on PostgreSQL (a shared `ms_messaging` database): publishing inserts one delivery row per
 * subscribed queue; consumers claim due rows with `FOR UPDATE SKIP LOCKED`, making them invisible for the visibility
 * timeout; ack = delete; failure = attempts + 1 and a later `available_at`; after `maxAttempts` the row moves to
 * `messaging_dead_letters`. Same at-least-once contract as RabbitMQ.
 */
export class PostgresTransport implements MessageTransport {
  private readonly logger = new Logger('Messaging');
  private readonly pool: Pool;
  private closed = false;
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private schemaReady?: Promise<void>;

  constructor(
    url: string,
    private readonly settings: Settings,
  ) {
    this.pool = new Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 3000,
      query_timeout: settings.publishTimeoutMs,
      application_name: 'ms-messaging',
    });
    // Idle clients die when the server restarts; the pool replaces them on demand.
    this.pool.on('error', (error) => this.logger.warn(`messaging database connection lost: ${error.message}`));
  }

  private ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await client.query(SCHEMA);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })().catch((error: Error) => {
      this.schemaReady = undefined; // try again next time
      throw error;
    });
    return this.schemaReady;
  }

  async publish(envelope: EventEnvelope): Promise<void> {
    try {
      await withTimeout(
        (async () => {
          await this.ensureSchema();
          // ON CONFLICT: the relay may publish the same event again after a crash; one delivery per queue is enough.
          await this.pool.query(
            `INSERT INTO messaging_deliveries (queue, event_id, envelope)
             SELECT queue, $1, $2 FROM messaging_subscriptions WHERE event_type = $3
             ON CONFLICT (queue, event_id) DO NOTHING`,
            [envelope.id, JSON.stringify(envelope), envelope.type],
          );
        })(),
        this.settings.publishTimeoutMs,
        'messaging database insert',
      );
    } catch (error) {
      throw new TransportUnavailableError(`messaging database unavailable: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async consume(consumer: QueueConsumer): Promise<void> {
    await this.ensureSchema();
    await this.pool.query(
      `WITH wanted AS (SELECT unnest($2::text[]) AS event_type),
            gone AS (DELETE FROM messaging_subscriptions WHERE queue = $1 AND event_type <> ALL($2::text[]))
       INSERT INTO messaging_subscriptions (queue, event_type) SELECT $1, event_type FROM wanted ON CONFLICT DO NOTHING`,
      [consumer.queue, consumer.types],
    );
    this.loops.push(this.pollLoop(consumer));
  }

  private async pollLoop(consumer: QueueConsumer): Promise<void> {
    let idleDelay = this.settings.pollIntervalMs;
    while (!this.closed) {
      let worked = false;
      try {
        worked = await this.deliverNext(consumer);
        idleDelay = this.settings.pollIntervalMs;
      } catch (error) {
        this.logger.warn(`polling ${consumer.queue} failed: ${(error as Error).message}`);
        idleDelay = Math.min(idleDelay * 2, 5000);
      }
      if (!worked) await this.sleep(idleDelay);
    }
  }

  /** Claims, handles and settles one due delivery; false when there was none. */
  private async deliverNext(consumer: QueueConsumer): Promise<boolean> {
    const { rows } = await this.pool.query<{ id: string; envelope: unknown; attempts: number }>(
      `UPDATE messaging_deliveries SET attempts = attempts + 1, available_at = now() + $2 * interval '1 millisecond'
       WHERE id = (SELECT id FROM messaging_deliveries WHERE queue = $1 AND available_at <= now()
                   ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id, envelope, attempts`,
      [consumer.queue, this.settings.visibilityTimeoutMs],
    );
    const delivery = rows[0];
    if (!delivery) return false;
    try {
      await consumer.handle(parseEnvelope(delivery.envelope));
      await this.pool.query('DELETE FROM messaging_deliveries WHERE id = $1', [delivery.id]);
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      const permanent = isPermanentFailure(error);
      if (permanent || delivery.attempts >= this.settings.maxAttempts) {
        this.logger.error(
          `delivery ${delivery.id} on ${consumer.queue} dead-lettered ` +
            `${permanent ? 'at once (retrying cannot help)' : `after ${delivery.attempts} attempts`}: ${message}`,
        );
        await this.pool.query(
          `WITH moved AS (DELETE FROM messaging_deliveries WHERE id = $1 RETURNING queue, event_id, envelope, attempts)
           INSERT INTO messaging_dead_letters (queue, event_id, envelope, attempts, last_error)
           SELECT queue, event_id, envelope, attempts, $2 FROM moved`,
          [delivery.id, message],
        );
      } else {
        this.logger.warn(
          `delivery ${delivery.id} on ${consumer.queue} failed (attempt ${delivery.attempts}), retrying: ${message}`,
        );
        await this.pool.query(
          `UPDATE messaging_deliveries SET available_at = now() + $2 * interval '1 millisecond', last_error = $3 WHERE id = $1`,
          [delivery.id, retryDelay(this.settings, delivery.attempts), message],
        );
      }
    }
    return true;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  async status(): Promise<TransportStatus> {
    try {
      await withTimeout(this.pool.query('SELECT 1'), 2000, 'messaging database ping');
      return { transport: 'postgres', connected: true };
    } catch (error) {
      return { transport: 'postgres', connected: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
    await Promise.all(this.loops);
    await this.pool.end();
  }
}
