import type { DataSource, EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '../events/event';

/** What a handler gets besides the payload: the transaction to write its effect in, and the envelope. */
export interface EventContext<T = unknown> {
  /** Write the handler's effect with this manager: it commits together with the processed_events row. */
  readonly manager: EntityManager;
  readonly envelope: EventEnvelope<T>;
}

export type EventHandler<T = unknown> = (payload: T, context: EventContext<T>) => Promise<void> | void;

/**
 * Runs a service's handlers for an incoming event exactly once per (event id, consumer): the processed_events row
 * and every handler's effect commit in one transaction. A redelivered event finds its row and is skipped; two
 * concurrent deliveries of one event serialise on the primary key and the second one skips.
 */
export class EventDispatcher {
  private readonly handlers = new Map<string, EventHandler[]>();

  constructor(
    private readonly dataSource: DataSource,
    /** Name recorded in processed_events.consumer (the service name). */
    readonly consumer: string,
  ) {}

  add<T>(event: EventDefinition<T> | string, handler: EventHandler<T>): void {
    const type = typeof event === 'string' ? event : event.type;
    const list = this.handlers.get(type) ?? [];
    list.push(handler as EventHandler);
    this.handlers.set(type, list);
  }

  get types(): string[] {
    return [...this.handlers.keys()];
  }

  /** Resolves when applied (or already applied earlier); rejects when a handler threw (nothing was committed). */
  async dispatch(envelope: EventEnvelope): Promise<void> {
    const handlers = this.handlers.get(envelope.type);
    if (!handlers) return; // not subscribed (e.g. a binding left from an older version): acknowledge and drop
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_events (event_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [envelope.id, this.consumer],
      );
      if (inserted.length === 0) return;
      for (const handler of handlers) await handler(envelope.payload, { manager, envelope });
    });
  }
}
