import { randomUUID } from 'node:crypto';
import type { EventContract } from '@ms/contracts-common';

/** A kind of event and (as a type only) its payload: the contracts kit's EventContract (see defineEvent there). */
export type EventDefinition<T = unknown> = EventContract<T>;
export { defineEvent, type PayloadOf } from '@ms/contracts-common';

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

export function createEnvelope<T>(event: EventDefinition<T>, payload: T, source: string): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version,
    occurredAt: new Date().toISOString(),
    source,
    payload,
  };
}

/** Parses and checks an envelope read from a transport; throws on anything malformed. */
export function parseEnvelope(raw: unknown): EventEnvelope {
  const value = typeof raw === 'string' || Buffer.isBuffer(raw) ? JSON.parse(raw.toString()) : raw;
  const e = value as Partial<EventEnvelope> | null;
  if (
    !e ||
    typeof e.id !== 'string' ||
    typeof e.type !== 'string' ||
    typeof e.source !== 'string' ||
    !('payload' in e)
  ) {
    throw new Error('malformed event envelope (needs id, type, source, payload)');
  }
  return e as EventEnvelope;
}
