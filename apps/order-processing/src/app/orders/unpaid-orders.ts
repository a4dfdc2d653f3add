import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OrderProcessingConfig } from '../config/order-processing-config';
import { OrdersService } from './orders.service';

/** Orders cancelled per transaction by one sweep step (a backlog is worked through in steps). */
const SWEEP_BATCH = 100;

/**
 * Stock hoarding: an order holds its units from `order.placed` on, so an order never paid would hold them forever.
 * Orders still `placed` (not paid) after the timeout are cancelled here like any other cancellation: in one
 * transaction with their `order.cancelled` event, which product-search handles by returning the units. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several instances sweep without doing the same work twice.
 */
@Injectable()
export class UnpaidOrders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnpaidOrders.name);
  readonly timeoutSeconds: number;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    config: OrderProcessingConfig,
  ) {
    this.timeoutSeconds = config.unpaidOrderTimeoutSeconds;
  }

  onApplicationBootstrap(): void {
    // Often enough that an order is released within a fraction of its timeout, at most once a minute.
    const intervalMs = Math.min(60_000, Math.max(500, (this.timeoutSeconds * 1000) / 4));
    this.timer = setInterval(() => void this.sweepOnce(), intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** Cancels every order unpaid for longer than the timeout; resolves to how many. One sweep at a time. */
  sweepOnce(): Promise<number> {
    this.sweeping ??= this.sweep()
      .catch((error: unknown) => {
        this.logger.warn(`releasing unpaid orders failed (retried next time): ${(error as Error)?.message ?? error}`);
        return 0;
      })
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    const reason = `not paid within ${describe(this.timeoutSeconds)}: the order was cancelled and its stock released`;
    let total = 0;
    for (;;) {
      const cancelled = await this.dataSource.transaction(async (manager) => {
        const expired: { id: string }[] = await manager.query(
          `SELECT id FROM orders WHERE status = 'placed' AND created_at < now() - make_interval(secs => $1)
           ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [this.timeoutSeconds, SWEEP_BATCH],
        );
        for (const { id } of expired) await this.orders.transition(manager, id, 'cancelled', reason);
        return expired.length;
      });
      total += cancelled;
      if (cancelled < SWEEP_BATCH) break;
    }
    if (total > 0) this.logger.log(`cancelled ${total} unpaid order(s) after ${describe(this.timeoutSeconds)}`);
    return total;
  }
}

function describe(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}
