import type { DataSource, EntityManager } from 'typeorm';
import type { MessagingSettings } from './config/messaging-settings';
import { EventDispatcher, type EventHandler } from './consumer/event-dispatcher';
import { createEnvelope, type EventDefinition, type EventEnvelope } from './events/event';
import { checkedPayload } from './events/event-payload';
import { OutboxRelay } from './outbox/outbox-relay';
import type { MessageTransport, TransportStatus } from './transport/transport';

/** Queue name of a subscribing service (`MESSAGING_QUEUE_PREFIX` first, when set). */
export function serviceQueueName(serviceName: string, queuePrefix = ''): string {
  return `${queuePrefix}${serviceName}.events`;
}

/**
 * A service's messaging: publishing through its outbox, the relay, and its subscriptions. The Nest module wraps one
 * of these; it is usable on its own (tests, scripts).
 */
export class Messaging {
  private readonly relay: OutboxRelay;
  private readonly dispatcher: EventDispatcher;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly serviceName: string,
    readonly transport: MessageTransport,
    private readonly settings: Pick<MessagingSettings, 'pollIntervalMs' | 'queuePrefix'>,
  ) {
    this.relay = new OutboxRelay(dataSource, transport, settings.pollIntervalMs);
    this.dispatcher = new EventDispatcher(dataSource, serviceName);
  }

  /**
   * Writes `event` to the outbox inside the caller's transaction: it is published if and only if the transaction
   * commits. `manager` must be the one `dataSource.transaction(manager => …)` hands out.
   */
  async publishInTransaction<T>(
    manager: EntityManager,
    event: EventDefinition<T>,
    payload: T,
  ): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        `publishInTransaction(${event.type}) needs the EntityManager of an open transaction: dataSource.transaction(async (manager) => …)`,
      );
    }
    checkedPayload(event, payload, 'publish'); // a payload that breaks the contract never enters the outbox
    const envelope = createEnvelope(event, payload, this.serviceName);
    await manager.query(`INSERT INTO outbox (event_id, type, envelope) VALUES ($1, $2, $3)`, [
      envelope.id,
      envelope.type,
      JSON.stringify(envelope),
    ]);
    return envelope;
  }

  /** This service's queue. */
  get queue(): string {
    return serviceQueueName(this.serviceName, this.settings.queuePrefix);
  }

  /** Registers a handler; call before start(). */
  subscribe<T>(event: EventDefinition<T>, handler: EventHandler<T>): void {
    if (this.started) throw new Error(`subscribe(${event.type}) after messaging started`);
    this.dispatcher.add(event, handler);
  }

  /** Starts the relay and, when there are subscriptions, the service's consumer. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.relay.start();
    const types = this.dispatcher.types;
    if (types.length > 0) {
      await this.transport.consume({
        queue: this.queue,
        types,
        handle: (envelope) => this.dispatcher.dispatch(envelope),
      });
    }
  }

  /** Wakes the relay now instead of at its next poll (call after the publishing transaction committed). */
  flush(): void {
    this.relay.poke();
  }

  status(): Promise<TransportStatus> {
    return this.transport.status();
  }

  /** Stops the relay (finishing its batch), then closes the transport. */
  async stop(): Promise<void> {
    await this.relay.stop();
    await this.transport.close();
  }
}
