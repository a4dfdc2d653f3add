import { Logger } from '@nestjs/common';
import KeyvRedis from '@keyv/redis';
import { Keyv, type KeyvOptions } from 'keyv';
import { CacheBackend, CacheStatus, describeError } from './cache-backend';
import { describeRedisUrl } from './cache.config';
import { RedisConnection } from './redis-connection';
import { CacheTimeoutError, withTimeout } from './with-timeout';

/** While degraded on a live connection (a command failed or timed out), how often to try Redis again. */
const RECOVERY_PROBE_INTERVAL_MS = 1_000;

/** Keyv whose `disconnect` (called by @nestjs/cache-manager on shutdown) is our prompt close, not the adapter's. */
class ConnectionOwningKeyv extends Keyv {
  constructor(
    store: KeyvRedis<string>,
    options: Omit<KeyvOptions, 'store'>,
    private readonly closeConnection: () => Promise<void>,
  ) {
    super(store, options);
  }

  override async disconnect(): Promise<void> {
    await this.closeConnection();
  }
}

/**
 * Shared cache in Redis, keys prefixed `<namespace>::`. Any failure turns the cache off (requests bypass it and go
 * to the source of truth) with one warning; it turns back on with one log line when the connection is ready again
 * or a probe succeeds.
 */
export class RedisCacheBackend implements CacheBackend {
  readonly keyv: Keyv;
  private readonly connection: RedisConnection;
  private readonly logger = new Logger('Cache');
  private readonly target: string;
  private state: 'starting' | 'up' | 'down' = 'starting';
  private reason = 'connecting';
  private probing?: Promise<void>;
  private lastProbeAt = 0;
  private closing?: Promise<void>;

  constructor(
    url: string,
    private readonly namespace: string,
    private readonly timeoutMs: number,
  ) {
    this.target = describeRedisUrl(url);
    this.connection = new RedisConnection(url, timeoutMs, {
      connected: () => this.markUp(),
      failed: (reason) => this.markDown(reason),
    });
    const store = new KeyvRedis<string>(this.connection.client, {
      namespace,
      throwOnConnectError: true,
      connectionTimeout: timeoutMs,
    });
    // The adapter prefixes keys itself (`namespace::key`); Keyv must not add a second prefix.
    this.keyv = new ConnectionOwningKeyv(store, { namespace, useKeyPrefix: false }, () => this.close());
    this.keyv.on('error', (error: unknown) => this.reportFailure(error));
  }

  /** First connection attempt; resolves within about the timeout whether or not Redis answered. */
  start(): Promise<void> {
    return this.connection.connect();
  }

  usable(): boolean {
    if (!this.connection.isReady) return false;
    if (this.state === 'down') {
      this.probeInBackground();
      return false;
    }
    return true;
  }

  reportFailure(error: unknown): void {
    this.markDown(describeError(error));
    if (error instanceof CacheTimeoutError) this.connection.reset();
  }

  status(): CacheStatus {
    if (this.state === 'up' && !this.closing) return { backend: 'redis', degraded: false };
    return { backend: 'redis', degraded: true, reason: this.closing ? 'closed' : this.reason };
  }

  async check(): Promise<CacheStatus> {
    if (this.connection.isReady) await this.probe();
    return this.status();
  }

  close(): Promise<void> {
    this.closing ??= this.connection.close();
    return this.closing;
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  private probeInBackground(): void {
    if (Date.now() - this.lastProbeAt >= RECOVERY_PROBE_INTERVAL_MS) void this.probe();
  }

  /** PING, bounded by the timeout. */
  private probe(): Promise<void> {
    this.lastProbeAt = Date.now();
    this.probing ??= withTimeout(this.connection.client.ping(), this.timeoutMs)
      .then(
        () => this.markUp(),
        (error: unknown) => this.reportFailure(error),
      )
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }

  private markUp(): void {
    if (this.closing || this.state === 'up') return;
    if (this.state === 'down') this.logger.log(`cache recovered: ${this.target} answers again`);
    else this.logger.log(`cache: ${this.target}, key namespace "${this.namespace}"`);
    this.state = 'up';
  }

  private markDown(reason: string): void {
    if (this.closing) return;
    if (this.state !== 'down') {
      this.logger.warn(
        `cache unavailable (${this.target}: ${reason}); serving from the source of truth until it recovers`,
      );
    }
    this.state = 'down';
    this.reason = reason;
  }
}
