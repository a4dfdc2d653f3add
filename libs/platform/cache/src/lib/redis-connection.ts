import { createClient } from '@keyv/redis';
import { describeError } from './cache-backend';

export type RedisClient = ReturnType<typeof createClient>;

const RECONNECT_BASE_MS = 100;
const RECONNECT_MAX_MS = 2_000;

export interface RedisConnectionEvents {
  connected(): void;
  failed(reason: string): void;
}

/**
 * One node-redis client configured so that an unreachable Redis costs a bounded delay and never a hang:
 * - every connection attempt (TCP and handshake) is bounded by `timeoutMs`; so is a command waiting to be written
 *   (node-redis' command timeout), while the wait for its reply is bounded by the caller, who then calls `reset()`;
 * - commands fail at once while disconnected (no offline queue that grows until Redis returns);
 * - reconnecting is ours, on an unref'd timer with capped backoff, so `close()` stops it at once (node-redis' own
 *   reconnect loop sleeps on a timer that outlives `destroy()`).
 */
export class RedisConnection {
  readonly client: RedisClient;
  private attempt?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private failedAttempts = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly timeoutMs: number,
    private readonly events: RedisConnectionEvents,
  ) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      commandOptions: { timeout: timeoutMs },
      socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
    });
    this.client.on('ready', () => {
      if (this.closed) return;
      this.failedAttempts = 0;
      this.events.connected();
    });
    this.client.on('error', (error: unknown) => {
      if (this.closed) return;
      this.events.failed(describeError(error));
      this.scheduleReconnect();
    });
  }

  /** Connected and not closing: commands can be sent. */
  get isReady(): boolean {
    return !this.closed && this.client.isReady;
  }

  /** Starts a connection attempt unless one is running or the client is open; settles within about `timeoutMs`. */
  connect(): Promise<void> {
    if (!this.attempt && !this.closed && !this.client.isOpen) {
      this.attempt = this.attemptConnection().finally(() => {
        this.attempt = undefined;
      });
    }
    return this.attempt ?? Promise.resolve();
  }

  /**
   * Drops a connection that stopped answering and connects again. node-redis bounds a command only until it is
   * written, not while it waits for the reply; a connection with unanswered commands is in an unknown state.
   */
  reset(): void {
    if (this.closed) return;
    if (this.client.isOpen) this.client.destroy();
    this.scheduleReconnect();
  }

  /** Stops reconnecting and drops the socket. `destroy`, not `close`: close waits for replies that may never come. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (this.client.isOpen) this.client.destroy();
    await this.attempt;
  }

  private async attemptConnection(): Promise<void> {
    let handshakeTimedOut = false;
    // connectTimeout bounds TCP only; a server that accepts but never answers the handshake is cut off here.
    const handshakeTimer = setTimeout(() => {
      if (!this.client.isOpen || this.client.isReady) return;
      handshakeTimedOut = true;
      this.client.destroy();
    }, this.timeoutMs);
    try {
      await this.client.connect();
    } catch (error) {
      if (this.closed) return;
      this.failedAttempts += 1;
      this.events.failed(handshakeTimedOut ? `no answer within ${this.timeoutMs} ms` : describeError(error));
      this.scheduleReconnect();
    } finally {
      clearTimeout(handshakeTimer);
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const delay = Math.min(RECONNECT_BASE_MS * 2 ** this.failedAttempts, RECONNECT_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
