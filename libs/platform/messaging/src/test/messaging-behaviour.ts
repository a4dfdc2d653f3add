import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TestDatabase } from '@ms/platform-database/testing';
import type { MessagingSettings } from '../lib/config/messaging-settings';
import { createEnvelope } from '../lib/events/event';
import { InvalidEventPayloadError } from '../lib/events/event-payload';
import type { Messaging } from '../lib/messaging';
import { bringTransportUp, removeTestMessaging, takeTransportDown } from '../lib/testing/test-messaging';
import {
  eventually,
  openServiceDatabase,
  OrderPlacedEvent,
  type OrderPlaced,
  placeOrder,
  sleep,
  startService,
  testSettings,
  uniqueSuffix,
  type TransportUnderTest,
} from './messaging-harness';

/** The behaviour every transport must have; each spec file runs it against one real transport. */
export function describeMessagingBehaviour(transport: TransportUnderTest): void {
  let db: TestDatabase;
  let dataSource: DataSource;
  let settings: MessagingSettings;
  const queues: string[] = [];
  const running: Messaging[] = [];

  beforeAll(async () => {
    ({ db, dataSource } = await openServiceDatabase());
    settings = testSettings(transport);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((messaging) => messaging.stop()));
  });

  afterAll(async () => {
    await removeTestMessaging(settings, db.url, queues).catch((error) => console.warn(`clean-up: ${error}`));
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A service (unique name, so a queue of its own) that records its effect for `order.placed` in `effects`. */
  async function service(handler?: (orderId: string) => void, serviceSettings = settings) {
    const name = `svc-${uniqueSuffix()}`;
    const { messaging, queue } = await startService(dataSource, name, serviceSettings, db.url);
    queues.push(queue);
    running.push(messaging);
    messaging.subscribe(OrderPlacedEvent, async ({ orderId }, { manager, envelope }) => {
      handler?.(orderId);
      await manager.query('INSERT INTO effects (event_id, consumer, order_id) VALUES ($1, $2, $3)', [
        envelope.id,
        name,
        orderId,
      ]);
    });
    await messaging.start();
    return { name, messaging, queue };
  }

  async function effects(consumer: string): Promise<string[]> {
    const rows: { order_id: string }[] = await dataSource.query(
      'SELECT order_id FROM effects WHERE consumer = $1 ORDER BY order_id',
      [consumer],
    );
    return rows.map((row) => row.order_id);
  }

  it('delivers a committed event to the subscriber exactly once and marks the outbox row sent', async () => {
    const { name, messaging } = await service();
    const ids = [await placeOrder(dataSource, messaging, 'o-1'), await placeOrder(dataSource, messaging, 'o-2')];
    await eventually(async () => (await effects(name)).length === 2, 20_000, 'both effects');
    await sleep(500); // room for a stray second delivery to show up
    expect(await effects(name)).toEqual(['o-1', 'o-2']);
    const unsent: unknown[] = await dataSource.query(
      'SELECT 1 FROM outbox WHERE event_id = ANY($1) AND sent_at IS NULL',
      [ids],
    );
    expect(unsent).toHaveLength(0);
  });

  it('publishes nothing when the publishing transaction rolls back', async () => {
    const { name, messaging } = await service();
    await expect(
      dataSource.transaction(async (manager) => {
        await messaging.publishInTransaction(manager, OrderPlacedEvent, { orderId: 'rolled-back' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await placeOrder(dataSource, messaging, 'kept');
    await eventually(async () => (await effects(name)).length > 0, 20_000, 'the committed event');
    await sleep(300);
    expect(await effects(name)).toEqual(['kept']);
  });

  it('refuses to publish outside a transaction', async () => {
    const { messaging } = await service();
    await expect(
      messaging.publishInTransaction(dataSource.manager, OrderPlacedEvent, { orderId: 'x' }),
    ).rejects.toThrow(/open transaction/);
  });

  it('retries a failing handler with backoff and applies the effect once it succeeds', async () => {
    let calls = 0;
    const { name, messaging } = await service(() => {
      calls += 1;
      if (calls < 3) throw new Error(`transient failure ${calls}`);
    });
    await placeOrder(dataSource, messaging, 'o-retry');
    await eventually(async () => (await effects(name)).length === 1, 20_000, 'the effect after retries');
    expect(calls).toBe(3);
    expect(await effects(name)).toEqual(['o-retry']);
  });

  it('dead-letters an event whose handler keeps failing, after the configured attempts', async () => {
    let calls = 0;
    const { name, messaging, queue } = await service(() => {
      calls += 1;
      throw new Error('handler is broken');
    });
    const eventId = await placeOrder(dataSource, messaging, 'o-poison');
    await eventually(
      async () => (await transport.deadLetterEventIds(settings, db.url, queue)).includes(eventId),
      20_000,
      'the dead letter',
    );
    expect(calls).toBe(settings.maxAttempts);
    await sleep(300);
    expect(calls).toBe(settings.maxAttempts); // no further attempts once dead-lettered
    expect(await effects(name)).toEqual([]);
  });

  it('refuses to publish a payload that breaks the event contract, naming the problem', async () => {
    const { messaging } = await service();
    const publish = (payload: unknown) =>
      dataSource.transaction((manager) =>
        messaging.publishInTransaction(manager, OrderPlacedEvent, payload as OrderPlaced),
      );
    await expect(publish({ orderId: '' })).rejects.toThrow(
      'order.placed payload breaks its contract: orderId should not be empty',
    );
    await expect(publish({ orderId: 'o-1', sneaky: true })).rejects.toThrow('property sneaky should not exist');
    await expect(publish(null)).rejects.toBeInstanceOf(InvalidEventPayloadError);
  });

  it('dead-letters at once, before any handler, an event whose payload breaks the contract', async () => {
    let calls = 0;
    // Retries 30 s apart: a dead letter within the wait below can only be the one without retries.
    const { name, messaging, queue } = await service(() => (calls += 1), { ...settings, retryDelayMs: 30_000 });
    // Written straight into the outbox, as a publisher on another version (or a bug) could: publishing would refuse it.
    const eventId = randomUUID();
    const envelope = {
      ...createEnvelope(OrderPlacedEvent, { orderId: 'x' }, 'elsewhere'),
      id: eventId,
      payload: { orderId: 42 },
    };
    await dataSource.query(`INSERT INTO outbox (event_id, type, envelope) VALUES ($1, $2, $3)`, [
      eventId,
      envelope.type,
      JSON.stringify(envelope),
    ]);
    messaging.flush();
    await eventually(
      async () => (await transport.deadLetterEventIds(settings, db.url, queue)).includes(eventId),
      20_000,
      'the dead letter',
    );
    await placeOrder(dataSource, messaging, 'o-after'); // the queue goes on
    await eventually(async () => (await effects(name)).length === 1, 20_000, 'the next event');
    expect(calls).toBe(1);
    expect(await effects(name)).toEqual(['o-after']);
  });

  it('applies a redelivered event once (processed_events)', async () => {
    let calls = 0;
    const { name, messaging } = await service(() => (calls += 1));
    const eventId = await placeOrder(dataSource, messaging, 'o-dup');
    await eventually(async () => (await effects(name)).length === 1, 20_000, 'the first delivery');
    // What a relay that crashed between publishing and marking the row sent does: publish the same envelope again.
    const [row]: { envelope: never }[] = await dataSource.query('SELECT envelope FROM outbox WHERE event_id = $1', [
      eventId,
    ]);
    await messaging.transport.publish(row.envelope);
    await messaging.transport.publish(row.envelope);
    await placeOrder(dataSource, messaging, 'o-after');
    await eventually(async () => (await effects(name)).includes('o-after'), 20_000, 'the event after the duplicates');
    await sleep(500);
    expect(await effects(name)).toEqual(['o-after', 'o-dup']);
    expect(calls).toBe(2);
    const processed: unknown[] = await dataSource.query(
      'SELECT 1 FROM processed_events WHERE event_id = $1 AND consumer = $2',
      [eventId, name],
    );
    expect(processed).toHaveLength(1);
  });

  it('keeps events committed while the transport is down and delivers them when it is back', async () => {
    const { name, messaging } = await service();
    await takeTransportDown(settings, db.url);
    let eventId: string;
    try {
      eventId = await placeOrder(dataSource, messaging, 'o-while-down');
      await sleep(1000);
      const [row]: { sent_at: Date | null }[] = await dataSource.query(
        'SELECT sent_at FROM outbox WHERE event_id = $1',
        [eventId],
      );
      expect(row.sent_at).toBeNull();
      expect((await messaging.status()).connected).toBe(false);
    } finally {
      await bringTransportUp(settings, db.url);
    }
    await eventually(async () => (await effects(name)).length === 1, 30_000, 'delivery after the transport returned');
    expect(await effects(name)).toEqual(['o-while-down']);
    expect((await messaging.status()).connected).toBe(true);
  });

  it('loses nothing and applies nothing twice when the transport goes away mid-stream', async () => {
    const { name, messaging } = await service();
    const expected: string[] = [];
    const order = async (i: number) => {
      const orderId = `o-${String(i).padStart(2, '0')}`;
      expected.push(orderId);
      await placeOrder(dataSource, messaging, orderId);
    };
    for (let i = 0; i < 10; i++) await order(i);
    await eventually(async () => (await effects(name)).length >= 3, 20_000, 'the first deliveries');
    let restored = false;
    try {
      await takeTransportDown(settings, db.url); // while deliveries are still under way
      for (let i = 10; i < 15; i++) await order(i); // committed while the transport is away: kept in the outbox
      await bringTransportUp(settings, db.url);
      restored = true;
    } finally {
      if (!restored) await bringTransportUp(settings, db.url);
    }
    for (let i = 15; i < 20; i++) await order(i);
    await eventually(async () => (await effects(name)).length >= 20, 40_000, 'all 20 effects');
    await sleep(1000);
    expect(await effects(name)).toEqual(expected.sort());
  }, 60_000);
}
