import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { serviceUrlVariable } from '@ms/contracts-common';
import { ORDER_PROCESSING_SERVICE } from '@ms/contracts-order-processing';
import {
  call,
  checkout,
  eventually,
  newestProducts,
  newShopper,
  ordersOf,
  sleep,
  stockOf,
  waitForStock,
  type ProductView,
  type Shopper,
} from './support/system-client';

/**
 * Events between the running services, on the transport the system was started with: RabbitMQ when AMQP_URL is set
 * (`npm run test:backends`), else the zero-setup PostgreSQL transport (`npm test`). An order's `order.placed` takes
 * its units off product-search's stock and is counted by user-management; an order placed while the transport is
 * down waits in order-processing's outbox and is applied once the transport is back.
 */
const amqp = Boolean(process.env['AMQP_URL']);
const run = promisify(execFile);

/** Runs SQL as the embedded cluster's superuser. */
async function onCluster(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env['SYSTEM_DATABASE_URL'], connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The transport really gone: RabbitMQ's application stopped, or the messaging database refusing every connection. */
async function takeTransportDown(): Promise<void> {
  if (amqp) {
    await run('rabbitmqctl', ['stop_app'], { timeout: 60_000 });
    return;
  }
  await onCluster(`ALTER DATABASE ms_messaging ALLOW_CONNECTIONS false`);
  await onCluster(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'ms_messaging'`);
}

async function bringTransportUp(): Promise<void> {
  if (amqp) {
    await run('rabbitmqctl', ['start_app'], { timeout: 60_000 });
    await run('rabbitmqctl', ['await_startup'], { timeout: 60_000 });
    return;
  }
  await onCluster(`ALTER DATABASE ms_messaging ALLOW_CONNECTIONS true`);
}

const orderProcessingUrl = () =>
  process.env[serviceUrlVariable(ORDER_PROCESSING_SERVICE.name)] ??
  `http://127.0.0.1:${ORDER_PROCESSING_SERVICE.defaultPort}`;

const orderCount = async (shopper: Shopper): Promise<number> =>
  (await call('/api/user-management/users/me', { headers: shopper.auth })).body.orderCount;

const myOrder = async (shopper: Shopper, id: string) => (await ordersOf(shopper)).find((order) => order.id === id);

describe(`events between the services (${amqp ? 'RabbitMQ' : 'PostgreSQL transport'})`, () => {
  /** Products a test of this file orders; the 10 newest are left to the other system tests. */
  const claimed = new Set<string>();
  async function claimProduct(accept: (product: ProductView) => boolean): Promise<ProductView> {
    const product = (await newestProducts(100)).slice(10).find((p) => accept(p) && !claimed.has(p.id));
    if (!product) throw new Error('no suitable product among the 100 newest');
    claimed.add(product.id);
    return product;
  }

  it('an order takes its units off the stock once, and user-management counts it (one event, two consumers)', async () => {
    const shopper = await newShopper();
    const product = await claimProduct((p) => p.stock >= 5);
    const placed = await checkout(shopper, [{ productId: product.id, quantity: 2 }]);
    expect(placed.status).toBe(201);

    await waitForStock(product.id, product.stock - 2, 30_000);
    await eventually(async () => (await orderCount(shopper)) === 1, 30_000, 'the order count to reach 1');
    await sleep(1500); // nothing is applied twice, however the deliveries went
    expect(await stockOf(product.id)).toBe(product.stock - 2);
    expect(await orderCount(shopper)).toBe(1);
  });

  it('refuses a checkout for more than the stock with 409 naming the product, and orders nothing', async () => {
    const shopper = await newShopper();
    const product = await claimProduct((p) => p.stock >= 1 && p.stock < 100);
    const refused = await checkout(shopper, [{ productId: product.id, quantity: product.stock + 1 }]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(refused.body.message).toContain(`not enough stock: ${product.name} has ${product.stock} left`);
    expect(await ordersOf(shopper)).toEqual([]);
    expect(await stockOf(product.id)).toBe(product.stock);
  });

  it('two shoppers racing for the last units: one order keeps them, the other is refused or cancelled with the reason', async () => {
    const product = await claimProduct((p) => p.stock >= 1 && p.stock <= 3);
    const shoppers = [await newShopper(), await newShopper()];
    const attempts = await Promise.all(
      shoppers.map((shopper) => checkout(shopper, [{ productId: product.id, quantity: product.stock }])),
    );
    // Both may pass order-processing's stock check before either reservation: the reservation then decides.
    expect(attempts.map((attempt) => attempt.status).every((status) => status === 201 || status === 409)).toBe(true);
    expect(attempts.some((attempt) => attempt.status === 201)).toBe(true);

    const outcomes = await eventually(
      async () => {
        const orders = await Promise.all(
          attempts.map((attempt, i) =>
            attempt.status === 201 ? myOrder(shoppers[i], attempt.body.id) : Promise.resolve(undefined),
          ),
        );
        const settled = orders.every(
          (order, i) => attempts[i].status === 409 || order?.status === 'cancelled' || order?.status === 'placed',
        );
        const kept = orders.filter((order) => order?.status === 'placed').length;
        const lost =
          attempts.filter((attempt) => attempt.status === 409).length +
          orders.filter((order) => order?.status === 'cancelled').length;
        return settled && kept === 1 && lost === 1 && { orders };
      },
      30_000,
      'one order kept and the other refused or cancelled',
    );
    const cancelled = outcomes.orders.find((order) => order?.status === 'cancelled');
    if (cancelled)
      expect(cancelled.statusReason).toBe(`out of stock: ${product.name} (${product.stock} ordered, 0 available)`);
    await waitForStock(product.id, 0, 30_000);
    await sleep(1500);
    expect(await stockOf(product.id)).toBe(0); // taken once, never below zero, nothing given back twice
  });

  it('an order placed while the transport is down takes its units once the transport is back', async () => {
    const shopper = await newShopper();
    const product = await claimProduct((p) => p.stock >= 3);
    await takeTransportDown();
    let restored = false;
    try {
      // order-processing does not need the transport to take an order: the event waits in its outbox.
      const placed = await checkout(shopper, [{ productId: product.id, quantity: 3 }]);
      expect(placed.status).toBe(201);
      await sleep(2000);
      expect(await stockOf(product.id)).toBe(product.stock);
      const ready = await call(`${orderProcessingUrl()}/health/ready`);
      expect(ready.status).toBe(200); // degraded, not down: the outbox keeps every event
      expect(ready.body.details.messaging).toMatchObject({ connected: false, degraded: true });
      await bringTransportUp();
      restored = true;
    } finally {
      if (!restored) await bringTransportUp();
    }
    await waitForStock(product.id, product.stock - 3, 60_000);
    await eventually(async () => (await orderCount(shopper)) === 1, 60_000, 'the order to be counted after the outage');
    await sleep(1500);
    expect(await stockOf(product.id)).toBe(product.stock - 3);
  }, 180_000);
});
