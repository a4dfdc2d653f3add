import { randomUUID } from 'node:crypto';

/**
 * A kind of event and (as a type only) its payload. Contracts libs declare it without importing this library:
 *
 * ```ts
 * export interface OrderPlaced { orderId: string; userId: string; total: number }
 * export const OrderPlacedEvent = { type: 'order.placed', version: 1 } as { type: 'order.placed'; version: 1; payload?: OrderPlaced };
 * ```
 */
export interface EventDefinition<T = unknown> {
  readonly type: string;
  readonly version: number;
  /** Never set at runtime: carries the payload type. */
  readonly payload?: T;
}

/** The payload type of an EventDefinition. */
export type PayloadOf<E> = E extends EventDefinition<infer T> ? T : never;

/** What travels on the wire and what handlers receive. */
export interface EventEnvelope<T = unknown> {
  /** Unique per event (uuid); consumers deduplicate on it. */
  readonly id: string;
  readonly type: string;
  readonly version: number;
  /** ISO-8601 time the publishing transaction wrote the event. */
  readonly occurredAt: string;
  /** Name of the publishing service. */
  readonly source: string;
  readonly payload: T;
}

export function defineEvent<T>(type: string, version = 1): EventDefinition<T> {
  if (!/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/.test(type)) {
    throw new Error(`event type "${type}" must be lower-case words separated by dots, e.g. "order.placed"`);
  }
  return { type, version };
}

export function createEnvelope<T>(event: EventDefinition<T>, payload: T, source: string): EventEnvelope<T> {
  return { id: randomUUID(), type: event.type, version: event.version, occurredAt: new Date().toISOString(), source, payload };
}

/** Parses and checks an envelope read from a transport; throws on anything malformed. */
export function parseEnvelope(raw: unknown): EventEnvelope {
  const value = typeof raw === 'string' || Buffer.isBuffer(raw) ? JSON.parse(raw.toString()) : raw;
  const e = value as Partial<EventEnvelope> | null;
  if (!e || typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.source !== 'string' || !('payload' in e)) {
    throw new Error('malformed event envelope (needs id, type, source, payload)');
  }
  return e as EventEnvelope;
}
