import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventHandler } from '../consumer/event-dispatcher';
import type { EventDefinition, EventEnvelope } from '../events/event';
import { Messaging } from '../messaging';

/** What services inject: publish through the outbox, subscribe without decorators. */
@Injectable()
export class EventBus {
  constructor(private readonly messaging: Messaging) {}

  /** Adds `event` to the outbox in the caller's transaction; the relay publishes it after the commit. */
  async publishInTransaction<T>(
    manager: EntityManager,
    event: EventDefinition<T>,
    payload: T,
  ): Promise<EventEnvelope<T>> {
    const envelope = await this.messaging.publishInTransaction(manager, event, payload);
    // Nudge the relay once the caller's transaction is over (committed or not; a rollback leaves nothing to send).
    setTimeout(() => this.messaging.flush(), 10).unref();
    return envelope;
  }

  /** Registers a handler (before the application starts, e.g. in onModuleInit). */
  subscribe<T>(event: EventDefinition<T>, handler: EventHandler<T>): void {
    this.messaging.subscribe(event, handler);
  }
}
