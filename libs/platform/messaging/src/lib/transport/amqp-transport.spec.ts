import { connect } from 'amqplib';
import { describeMessagingBehaviour } from '../../test/messaging-behaviour';
import { type TransportUnderTest } from '../../test/messaging-harness';
import { amqpQueueNames } from './amqp-transport';

// Runs against the RabbitMQ of AMQP_URL (e.g. amqp://guest:guest@127.0.0.1:5672); skipped without it, since the
// zero-setup path is covered by postgres-transport.spec.ts. Taking the broker down needs a local `rabbitmqctl`.
const amqpUrl = process.env['AMQP_URL'];
const describeWithBroker = amqpUrl ? describe : describe.skip;
async function withBrokerChannel<T>(work: (channel: import('amqplib').Channel) => Promise<T>): Promise<T> {
  const connection = await connect(amqpUrl as string, { timeout: 3000 });
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined); // a failed operation rejects its own promise as well
    return await work(channel);
  } finally {
    await connection.close();
  }
}

const rabbitMq: TransportUnderTest = {
  env: process.env,
  deadLetterEventIds: (_settings, _url, queue) =>
    withBrokerChannel(async (channel) => {
      const ids: string[] = [];
      await channel.assertQueue(amqpQueueNames(queue).deadLetter, { durable: true });
      for (
        let message = await channel.get(amqpQueueNames(queue).deadLetter);
        message;
        message = await channel.get(amqpQueueNames(queue).deadLetter)
      ) {
        ids.push(String(message.properties.messageId)); // left unacked: back in the queue when the connection closes
      }
      return ids;
    }),
};

describeWithBroker('RabbitMQ transport', () => {
  describeMessagingBehaviour(rabbitMq);
});
