import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../events/event';
import type { MessageTransport } from '../transport/transport';

const BATCH_SIZE = 50;
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves committed outbox rows to the transport, oldest first, and marks them sent. Rows are locked
 * (`FOR UPDATE SKIP LOCKED`) while being published so several instances of a service never send the same batch;
 * a failed publish stops the batch (order is kept) and the relay backs off, doubling up to 10 s.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MessageTransport,
    private readonly pollIntervalMs: number,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Ask for an immediate pass (e.g. right after a commit). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let delay = this.pollIntervalMs;
      try {
        const { sent, more } = await this.relayBatch();
        if (this.failures > 0) this.logger.log(`transport is back, relaying resumed`);
        this.failures = 0;
        if (more && sent > 0) continue;
      } catch (error) {
        this.failures += 1;
        delay = Math.min(this.pollIntervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.logger.warn(`outbox relay paused (${(error as Error).message}); retrying in ${delay} ms`);
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** One transaction: lock up to BATCH_SIZE unsent rows, publish them in order, mark those published. */
  private async relayBatch(): Promise<{ sent: number; more: boolean }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; envelope: EventEnvelope }[] = await manager.query(
        `SELECT id, envelope FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
      );
      const sent: string[] = [];
      let failure: Error | undefined;
      for (const row of rows) {
        try {
          await this.transport.publish(row.envelope);
          sent.push(row.id);
        } catch (error) {
          failure = error as Error;
          break; // keep the order: later rows wait for this one
        }
      }
      if (sent.length > 0)
        await manager.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [sent]);
      // Commit what was sent before reporting the failure (a rollback would send those again).
      return { sent: sent.length, more: rows.length === BATCH_SIZE, failure };
    });
    if (result.failure) throw result.failure;
    return result;
  }
}
