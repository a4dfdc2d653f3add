import type { DataSource, EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '../events/event';
import { checkedPayload } from '../events/event-payload';

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
  private readonly subscriptions = new Map<string, { event: EventDefinition; handlers: EventHandler[] }>();

  constructor(
    private readonly dataSource: DataSource,
    /** Name recorded in processed_events.consumer (the service name). */
    readonly consumer: string,
  ) {}

  add<T>(event: EventDefinition<T>, handler: EventHandler<T>): void {
    const subscription = this.subscriptions.get(event.type) ?? { event: event as EventDefinition, handlers: [] };
    subscription.handlers.push(handler as EventHandler);
    this.subscriptions.set(event.type, subscription);
  }

  get types(): string[] {
    return [...this.subscriptions.keys()];
  }

  /**
   * Resolves when applied (or already applied earlier); rejects when a handler threw (nothing was committed), or
   * with an InvalidEventPayloadError before any handler runs when the payload breaks the event's contract.
   */
  async dispatch(envelope: EventEnvelope): Promise<void> {
    const subscription = this.subscriptions.get(envelope.type);
    if (!subscription) return; // not subscribed (e.g. a binding left from an older version): acknowledge and drop
    const { event, handlers } = subscription;
    const payload = checkedPayload(event, envelope.payload, 'receive');
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_events (event_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [envelope.id, this.consumer],
      );
      if (inserted.length === 0) return;
      for (const handler of handlers) await handler(payload, { manager, envelope });
    });
  }
}
