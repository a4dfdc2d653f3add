import { connect } from 'amqplib';
import { describeMessagingBehaviour } from '../../test/messaging-behaviour';
import {
  eventually,
  openServiceDatabase,
  OrderPlacedEvent,
  placeOrder,
  sleep,
  startService,
  testSettings,
  uniqueSuffix,
  type TransportUnderTest,
} from '../../test/messaging-harness';
import { rabbitmqctl, removeTestMessaging } from '../testing/test-messaging';
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
  takeDown: () => rabbitmqctl('stop_app'),
  bringUp: () => rabbitmqctl('start_app'),
  deadLetterEventIds: (_settings, _url, queue) =>
    withBrokerChannel(async (channel) => {
      const ids: string[] = [];
      await channel.assertQueue(amqpQueueNames(queue).deadLetter, { durable: true });
      for (let message = await channel.get(amqpQueueNames(queue).deadLetter); message; message = await channel.get(amqpQueueNames(queue).deadLetter)) {
        ids.push(String(message.properties.messageId)); // left unacked: back in the queue when the connection closes
      }
      return ids;
    }),
};

describeWithBroker('RabbitMQ transport', () => {
  describeMessagingBehaviour(rabbitMq);

  it('loses nothing and applies nothing twice when the broker restarts mid-stream', async () => {
    const { db, dataSource } = await openServiceDatabase();
    const settings = testSettings(rabbitMq);
    const name = `svc-${uniqueSuffix()}`;
    const { messaging, queue } = await startService(dataSource, name, settings, db.url);
    messaging.subscribe(OrderPlacedEvent, async ({ orderId }, { manager, envelope }) => {
      await manager.query('INSERT INTO effects (event_id, consumer, order_id) VALUES ($1, $2, $3)', [envelope.id, name, orderId]);
    });
    const count = async () => Number((await dataSource.query('SELECT count(*) AS n FROM effects'))[0].n);
    const expected: string[] = [];
    const order = async (i: number) => {
      const orderId = `o-${String(i).padStart(2, '0')}`;
      expected.push(orderId);
      await placeOrder(dataSource, messaging, orderId);
    };
    try {
      await messaging.start();
      for (let i = 0; i < 10; i++) await order(i);
      await eventually(async () => (await count()) >= 3, 20_000, 'the first deliveries');
      let restarted = false;
      try {
        await rabbitmqctl('stop_app');
        for (let i = 10; i < 15; i++) await order(i); // committed while the broker is down: kept in the outbox
        await rabbitmqctl('start_app');
        restarted = true;
      } finally {
        if (!restarted) await rabbitmqctl('start_app');
      }
      for (let i = 15; i < 20; i++) await order(i);
      await eventually(async () => (await count()) >= 20, 30_000, 'all 20 effects');
      await sleep(1000);
      const rows: { order_id: string }[] = await dataSource.query('SELECT order_id FROM effects ORDER BY order_id');
      expect(rows.map((row) => row.order_id)).toEqual(expected.sort());
    } finally {
      await messaging.stop();
      await removeTestMessaging(settings, db.url, [queue]).catch((error) => console.warn(`clean-up: ${error}`));
      await dataSource.destroy();
      await db.drop();
    }
  }, 55_000);
});
