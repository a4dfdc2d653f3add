import type { EventEnvelope } from '../events/event';

/** One service's subscription: its queue, the event types bound to it and what to do with each delivery. */
export interface QueueConsumer {
  readonly queue: string;
  readonly types: readonly string[];
  /** Resolves when the event's effect is committed; a rejection means "retry later". */
  handle(envelope: EventEnvelope): Promise<void>;
}

export interface TransportStatus {
  readonly transport: 'amqp' | 'postgres';
  readonly connected: boolean;
  readonly detail?: string;
}

/**
 * Moves envelopes between services with at-least-once delivery. Retries (with backoff) and dead-lettering after
 * `maxAttempts` are the transport's job; deduplication is the consumer's (processed_events).
 */
export interface MessageTransport {
  /** Resolves once the transport has durably accepted the event (broker confirm / committed insert). */
  publish(envelope: EventEnvelope): Promise<void>;
  /** Starts delivering to `consumer`; survives reconnects. */
  consume(consumer: QueueConsumer): Promise<void>;
  status(): Promise<TransportStatus>;
  close(): Promise<void>;
}

export class TransportUnavailableError extends Error {}

/** Rejects after `ms` unless `promise` settles first. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TransportUnavailableError(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
