import type { EventContract } from '@ms/contracts-common';
import { loadConfig } from '@ms/platform-core';
import { eventually } from '@ms/platform-core/testing';
import {
  createEnvelope,
  createTransport,
  MessagingSettings,
  serviceQueueName,
  type EventEnvelope,
  type MessageTransport,
} from '@ms/platform-messaging/testing';
import type { TestService } from './test-service';

export interface EventProbeOptions {
  /** The service the probe stands in for: the `source` of what it publishes and part of its queue name. */
  readonly as: string;
  /** Events the probe records (subscribed before anything is published, like a real consumer). */
  readonly consumes?: readonly EventContract[];
}

/**
 * A stand-in for another service on the messaging of a test service: it publishes events as that service would
 * (same transport, same namespace) and records the events it subscribed to. Publishing an envelope again is how a
 * test redelivers an event.
 */
export interface EventProbe {
  publish<T>(event: EventContract<T>, payload: T): Promise<EventEnvelope<T>>;
  /** Sends an already published envelope again (same id): a redelivery. */
  republish(envelope: EventEnvelope): Promise<void>;
  /** Events of this type received so far, in arrival order. */
  received<T>(event: EventContract<T>): EventEnvelope<T>[];
  /** The first received event of this type that matches, waiting up to `timeoutMs` for it. */
  waitFor<T>(event: EventContract<T>, matches?: (payload: T) => boolean, timeoutMs?: number): Promise<EventEnvelope<T>>;
  close(): Promise<void>;
}

export async function startEventProbe(service: TestService, options: EventProbeOptions): Promise<EventProbe> {
  const databaseUrl = service.env['DATABASE_URL'];
  if (!databaseUrl)
    throw new Error('startEventProbe: start the service with { database: true } (messaging needs its database)');
  const settings = loadConfig(MessagingSettings, service.env);
  const transport: MessageTransport = await createTransport(settings, databaseUrl);
  // Publishing never waits for a connection (the outbox would keep the event); a probe has no outbox, so it waits here.
  await eventually(
    async () => (await transport.status()).connected,
    10_000,
    `the ${transport.constructor.name} to connect`,
  );
  const received: EventEnvelope[] = [];
  const types = (options.consumes ?? []).map((event) => event.type);
  if (types.length > 0) {
    const queue = serviceQueueName(`probe-${options.as}`, settings.queuePrefix);
    service.addMessagingQueue(queue);
    await transport.consume({ queue, types, handle: async (envelope) => void received.push(envelope) });
  }
  const ofType = <T>(event: EventContract<T>) =>
    received.filter((envelope) => envelope.type === event.type) as EventEnvelope<T>[];

  return {
    async publish(event, payload) {
      const envelope = createEnvelope(event, payload, options.as);
      await transport.publish(envelope);
      return envelope;
    },
    republish: (envelope) => transport.publish(envelope),
    received: ofType,
    async waitFor(event, matches = () => true, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = ofType(event).find((envelope) => matches(envelope.payload));
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `no matching ${event.type} within ${timeoutMs} ms (received: ${JSON.stringify(ofType(event).map((e) => e.payload))})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => transport.close(),
  };
}
