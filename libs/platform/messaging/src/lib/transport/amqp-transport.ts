import { Logger } from '@nestjs/common';
import { connect, type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { parseEnvelope, type EventEnvelope } from '../events/event';
import { isPermanentFailure } from '../events/event-payload';
import { amqpQueueNames } from './amqp-queue-names';
import { retryDelay, type MessagingSettings } from '../config/messaging-settings';
import {
  TransportUnavailableError,
  withTimeout,
  type MessageTransport,
  type QueueConsumer,
  type TransportStatus,
} from './transport';

export { amqpQueueNames };

const ATTEMPT_HEADER = 'x-attempt';

/**
 * RabbitMQ through amqp-connection-manager (reconnects by itself; channel setup re-runs on every reconnect).
 *
 * - events: durable topic exchange, routing key = event type, persistent messages, publisher confirms;
 * - per subscribing service: durable `<queue>` bound to its types, `<queue>.retry` (no consumer; a message waits
 *   there for its per-message TTL, then dead-letters back into `<queue>`), `<queue>.dlq` for events that failed
 *   `maxAttempts` times. The attempt number travels in the `x-attempt` header.
 */
export class AmqpTransport implements MessageTransport {
  private readonly logger = new Logger('Messaging');
  private readonly connection: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;
  private lastError?: string;

  constructor(
    url: string,
    private readonly settings: Pick<
      MessagingSettings,
      'exchange' | 'maxAttempts' | 'retryDelayMs' | 'publishTimeoutMs'
    >,
  ) {
    this.connection = connect([url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: { timeout: 3000 },
    });
    this.connection.on('connect', () => {
      this.lastError = undefined;
      this.logger.log('connected to RabbitMQ');
    });
    this.connection.on('disconnect', ({ err }) => {
      this.lastError = err?.message ?? 'disconnected';
      this.logger.warn(`RabbitMQ connection lost: ${this.lastError}`);
    });
    this.connection.on('connectFailed', ({ err }) => {
      this.lastError = err?.message ?? 'connect failed';
    });
    this.channel = this.connection.createChannel({
      json: false,
      confirm: true,
      publishTimeout: settings.publishTimeoutMs,
      setup: (channel: ConfirmChannel) => channel.assertExchange(settings.exchange, 'topic', { durable: true }),
    });
    this.channel.on('error', (error: Error) => this.logger.warn(`RabbitMQ channel error: ${error.message}`));
  }

  async publish(envelope: EventEnvelope): Promise<void> {
    // The outbox keeps the event while the broker is away; don't let amqp-connection-manager buffer it in memory.
    if (!this.connection.isConnected())
      throw new TransportUnavailableError(`RabbitMQ unavailable: ${this.lastError ?? 'connecting'}`);
    await withTimeout(
      this.channel.publish(this.settings.exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
        messageId: envelope.id,
        contentType: 'application/json',
        type: envelope.type,
        headers: { [ATTEMPT_HEADER]: 1 },
      }),
      this.settings.publishTimeoutMs,
      'RabbitMQ publish confirm',
    );
  }

  async consume(consumer: QueueConsumer): Promise<void> {
    const names = amqpQueueNames(consumer.queue);
    await this.channel.addSetup(async (channel: ConfirmChannel) => {
      await channel.assertQueue(names.main, { durable: true });
      await channel.assertQueue(names.retry, {
        durable: true,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.main },
      });
      await channel.assertQueue(names.deadLetter, { durable: true });
      for (const type of consumer.types) await channel.bindQueue(names.main, this.settings.exchange, type);
      await channel.prefetch(10);
      await channel.consume(names.main, (message) => void this.deliver(consumer, message), { noAck: false });
    });
    // With the broker up, return once the queue exists and is bound; with it down, don't hold up start-up:
    // the setup runs when the connection comes.
    await withTimeout(this.channel.waitForConnect(), this.settings.publishTimeoutMs, 'RabbitMQ connect').catch(
      (error: Error) => this.logger.warn(`${error.message}; ${names.main} will be set up once RabbitMQ is reachable`),
    );
  }

  private async deliver(consumer: QueueConsumer, message: ConsumeMessage | null): Promise<void> {
    if (!message) return; // the broker cancelled the consumer; setup re-subscribes on reconnect
    const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1) || 1;
    const names = amqpQueueNames(consumer.queue);
    let failure: Error | undefined;
    try {
      await consumer.handle(parseEnvelope(message.content));
    } catch (error) {
      failure = error as Error;
    }
    try {
      if (failure) {
        const headers = { ...message.properties.headers, 'x-last-error': failure.message.slice(0, 500) };
        const permanent = isPermanentFailure(failure);
        if (permanent || attempt >= this.settings.maxAttempts) {
          this.logger.error(
            `event ${message.properties.messageId} dead-lettered to ${names.deadLetter} ` +
              `${permanent ? 'at once (retrying cannot help)' : `after ${attempt} attempts`}: ${failure.message}`,
          );
          await this.channel.sendToQueue(names.deadLetter, message.content, {
            ...message.properties,
            headers,
            persistent: true,
          });
        } else {
          this.logger.warn(
            `event ${message.properties.messageId} failed (attempt ${attempt}), retrying: ${failure.message}`,
          );
          await this.channel.sendToQueue(names.retry, message.content, {
            ...message.properties,
            headers: { ...headers, [ATTEMPT_HEADER]: attempt + 1 },
            expiration: String(retryDelay(this.settings, attempt)),
            persistent: true,
          });
        }
      }
      this.channel.ack(message);
    } catch (error) {
      // Channel gone: the unacked message goes back to the queue and comes again; processed_events absorbs repeats.
      this.logger.warn(`could not settle message: ${(error as Error).message}`);
    }
  }

  async status(): Promise<TransportStatus> {
    const connected = this.connection.isConnected();
    return { transport: 'amqp', connected, detail: connected ? undefined : (this.lastError ?? 'connecting') };
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
