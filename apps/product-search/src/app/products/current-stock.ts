import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { ProductCatalog } from './product-catalog';
import { PRODUCT_STOCK_CHANNEL } from '../../migrations/1796342400000-stock-notifications';

/** Backstop: a remembered stock is read again after this long, even if no change was announced. */
export const REMEMBERED_STOCK_TTL_MS = 10_000;
/** At most this many products' stock is remembered (the oldest are forgotten first). */
export const MAX_REMEMBERED_STOCK = 50_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;
const CLOSE_TIMEOUT_MS = 2_000;

interface Remembered {
  readonly stock: number;
  readonly expires: number;
}

/**
 * The current stock of products, for cached search pages, without a database round trip per page. Every stock change
 * is announced by the database (NOTIFY on `product_stock`, from triggers; see the StockNotifications migration),
 * whichever instance or writer made it, and this instance LISTENs on its own connection: a remembered stock is
 * dropped when its product's change is announced, so it is never older than the announcement's delivery (the time a
 * change takes to reach every instance). It is only trusted while the LISTEN connection is up: until it is, and from
 * the moment it is lost until it is back, every read goes to the database. A read that an announcement overtook
 * (it may have seen the old stock) is used but not remembered: `version` counts announcements.
 */
@Injectable()
export class CurrentStock implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CurrentStock.name);
  private readonly remembered = new Map<string, Remembered>();
  private listener: Client | undefined;
  private listening = false;
  private closed = false;
  private reconnect: NodeJS.Timeout | undefined;
  private failures = 0;
  private changes = 0;

  constructor(
    private readonly catalog: ProductCatalog,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Not awaited: start-up does not wait for the listener, reads go to the database until it is up. */
  onApplicationBootstrap(): void {
    this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    this.forgetAll();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await Promise.race([listener.end().catch(() => undefined), delay(CLOSE_TIMEOUT_MS)]);
  }

  /** Bumped by every announcement and every loss of the connection: reads from an older version are not kept. */
  get version(): number {
    return this.changes;
  }

  /** Whether remembered stock is being used (the LISTEN connection is up). */
  get trusted(): boolean {
    return this.listening;
  }

  /** The stock of these products: remembered where it can be, the rest in one primary-key lookup. */
  async of(ids: readonly string[]): Promise<Map<string, number>> {
    const stock = new Map<string, number>();
    const missing: string[] = [];
    const now = Date.now();
    for (const id of ids) {
      const entry = this.listening ? this.remembered.get(id) : undefined;
      if (entry && entry.expires > now) stock.set(id, entry.stock);
      else missing.push(id);
    }
    if (missing.length === 0) return stock;
    const since = this.version;
    const read = await this.catalog.stockOf(missing);
    for (const [id, units] of read) stock.set(id, units);
    this.remember(since, read);
    return stock;
  }

  /**
   * Keeps stock read elsewhere (a search page just read from the catalogue), if no change was announced since
   * `since` (`version` before the read started).
   */
  remember(since: number, stock: Iterable<readonly [string, number]>): void {
    if (!this.listening || since !== this.version) return;
    const expires = Date.now() + REMEMBERED_STOCK_TTL_MS;
    for (const [id, units] of stock) {
      this.remembered.delete(id); // re-inserted last: the Map's order is the age order
      this.remembered.set(id, { stock: units, expires });
      const oldest = this.remembered.size > MAX_REMEMBERED_STOCK ? this.remembered.keys().next() : undefined;
      if (oldest && !oldest.done) this.remembered.delete(oldest.value);
    }
  }

  private changed(payload: string | undefined): void {
    this.changes++;
    if (!payload || payload === '*') this.remembered.clear();
    else for (const id of payload.split(',')) this.remembered.delete(id);
  }

  private forgetAll(): void {
    this.listening = false;
    this.changes++;
    this.remembered.clear();
  }

  private listen(): void {
    if (this.closed) return;
    const url = (this.dataSource.options as Extract<DataSourceOptions, { type: 'postgres' }>).url;
    if (!url) {
      this.logger.warn('no database URL to LISTEN with: every cached page reads its stock from the database');
      return;
    }
    const client = new Client({
      connectionString: url,
      application_name: 'product-search stock listener',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let lost = false;
    const lose = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      this.forgetAll();
      client.end().catch(() => undefined);
      if (this.closed) return;
      const wait = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.failures++);
      if (this.failures === 1) {
        const reason = error instanceof Error ? error.message : 'connection ended';
        this.logger.warn(`stock listener lost (${reason}): cached pages read stock from the database until it is back`);
      }
      this.reconnect = setTimeout(() => this.listen(), wait);
      this.reconnect.unref();
    };
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (message) => this.changed(message.payload));
    client
      .connect()
      .then(() => client.query(`LISTEN "${PRODUCT_STOCK_CHANNEL}"`))
      .then(() => {
        if (lost) return;
        if (this.closed) {
          lost = true;
          void client.end().catch(() => undefined);
          return;
        }
        // Anything remembered before now may have missed an announcement: start empty.
        this.forgetAll();
        this.listener = client;
        this.listening = true;
        if (this.failures > 0) this.logger.log('stock listener back');
        this.failures = 0;
      })
      .catch(lose);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
