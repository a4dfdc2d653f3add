import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import {
  MAX_ORDER_ITEMS,
  ORDER_PROCESSING_SERVICE,
  OrderCancelledEvent,
  OrderPlacedEvent,
  type OrderDto,
} from '@ms/contracts-order-processing';
import { StockReservationFailedEvent, type ProductDto, type ProductLookupDto } from '@ms/contracts-product-search';
import { SERVICE_TOKEN_HEADER } from '@ms/platform-core';
import { eventually, startEventProbe, startTestService, type EventProbe, type TestService } from '@ms/platform-testing';
import { AppModule } from './app.module';
import { UnpaidOrders } from './orders/unpaid-orders';

/** Catalogue of the product-search double. */
function product(name: string, priceCents: number, stock = 1000): ProductDto {
  const id = randomUUID();
  return {
    id,
    sku: `SKU-${name.toUpperCase()}`,
    name,
    description: `A ${name}`,
    category: 'Test',
    priceCents,
    currency: 'EUR',
    stock,
    imageUrl: `/products/${id}/image`,
    createdAt: new Date().toISOString(),
  };
}
const LAMP = product('Lamp', 1999);
const DESK = product('Desk', 12_550);
const MUG = product('Mug', 450);
const VASE = product('Vase', 2500, 2);
const CLOCK = product('Clock', 3900, 0);
/** Answered in dollars: product-search breaking its contract. */
const DOLLAR_LAMP = { ...product('Dollar lamp', 1999), currency: 'USD' } as unknown as ProductDto;
const CATALOGUE = new Map([LAMP, DESK, MUG, VASE, CLOCK, DOLLAR_LAMP].map((p) => [p.id, p]));
/** Asking for this id makes the double fail with a 500, as a broken product-search would. */
const FAILING_ID = randomUUID();

/** One request the double received: the route asked for and the ids in its body. */
interface ProductSearchRequest {
  readonly route: string;
  readonly ids: readonly string[];
}

/**
 * product-search at its service boundary: a real HTTP server on loopback serving the contract's
 * `POST /products/lookup` (ProductLookupDto: found products and unknown ids) to a caller with a service token; any
 * other request is a 404 with the platform's error shape. It records every request.
 */
async function startProductSearchDouble(): Promise<{ server: Server; url: string; requests: ProductSearchRequest[] }> {
  const requests: ProductSearchRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const route = `${req.method} ${req.url}`;
      const { ids = [] } = (chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString()) : {}) as {
        ids?: string[];
      };
      requests.push({ route, ids });
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (route !== 'POST /products/lookup' || !req.headers[SERVICE_TOKEN_HEADER]) {
        send(404, { statusCode: 404, error: 'Not Found', message: `${route} not found` });
      } else if (ids.includes(FAILING_ID)) {
        send(500, { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
      } else {
        const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
        const answer: ProductLookupDto = {
          items: wanted.flatMap((id) => CATALOGUE.get(id) ?? []),
          unknownIds: wanted.filter((id) => !CATALOGUE.has(id)),
        };
        send(200, answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('order-processing over HTTP', () => {
  let service: TestService;
  let productSearch: Awaited<ReturnType<typeof startProductSearchDouble>>;
  /** Stands in for product-search on the messaging side: hears order events, answers stock.reservation-failed. */
  let stock: EventProbe;

  beforeAll(async () => {
    productSearch = await startProductSearchDouble();
    service = await startTestService(AppModule, ORDER_PROCESSING_SERVICE, {
      database: true,
      env: { PRODUCT_SEARCH_URL: productSearch.url },
    });
    stock = await startEventProbe(service, { as: 'product-search', consumes: [OrderPlacedEvent, OrderCancelledEvent] });
  });
  afterAll(async () => {
    await stock?.close();
    await service?.close();
    productSearch?.server.closeAllConnections();
    await new Promise((resolve) => productSearch?.server.close(resolve));
  });

  const auth = () => service.serviceTokenHeaders('gateway');
  /** `key` null sends no Idempotency-Key header. */
  const place = (body: unknown, key: string | null = randomUUID()) =>
    service.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...auth(), ...(key === null ? {} : { 'idempotency-key': key }) },
      payload: body as object,
    });
  const orderRows = async (userId: string): Promise<number> => {
    const [{ count }] = await service.app
      .get(DataSource)
      .query('SELECT count(*)::int AS count FROM orders WHERE user_id = $1', [userId]);
    return count;
  };

  it('refuses every route without a service token', async () => {
    for (const route of ORDER_PROCESSING_SERVICE.routes) {
      expect(route.access).toBe('internal');
      const url = route.path.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await service.app.inject({ method: route.method, url });
      expect({ route: `${route.method} ${route.path}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('answers 403 on every route to a service its route table does not list as a caller', async () => {
    for (const route of ORDER_PROCESSING_SERVICE.routes) {
      const url = route.path.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await service.app.inject({
        method: route.method,
        url,
        headers: service.serviceTokenHeaders('product-search'),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect({ route: `${route.method} ${route.path}`, status: res.statusCode, message: res.json().message }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
        message: `product-search may not call ${route.method} ${route.path}`,
      });
    }
  });

  it('is ready and documents no public route', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const docs = (await service.app.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(docs.paths)).toEqual([]);
    const internal = (await service.app.inject({ method: 'GET', url: '/internal/docs-json', headers: auth() })).json();
    expect(Object.keys(internal.paths).sort()).toEqual(['/orders', '/orders/{id}', '/orders/{id}/status']);
  });

  describe('POST /orders', () => {
    it('places an order priced by product-search, totals in integer cents', async () => {
      const userId = randomUUID();
      const asked = productSearch.requests.length;
      const res = await place({
        userId,
        items: [
          { productId: DESK.id, quantity: 1 },
          { productId: LAMP.id, quantity: 3 },
        ],
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers['idempotent-replayed']).toBe('false');
      // Both lines priced by one request to product-search.
      expect(productSearch.requests.slice(asked)).toEqual([
        { route: 'POST /products/lookup', ids: [DESK.id, LAMP.id] },
      ]);
      const order: OrderDto = res.json();
      expect(order).toEqual({
        id: expect.any(String),
        userId,
        status: 'placed',
        statusReason: null,
        items: [
          { productId: DESK.id, name: 'Desk', unitPriceCents: 12_550, quantity: 1, lineTotalCents: 12_550 },
          { productId: LAMP.id, name: 'Lamp', unitPriceCents: 1999, quantity: 3, lineTotalCents: 5997 },
        ],
        totalCents: 18_547,
        currency: 'EUR',
        createdAt: expect.any(String),
      });
      const fetched = await service.app.inject({ method: 'GET', url: `/orders/${order.id}`, headers: auth() });
      expect(fetched.statusCode).toBe(200);
      expect(fetched.json()).toEqual(order);

      // The order committed together with its order.placed event, which the relay then delivered.
      const placed = await stock.waitFor(OrderPlacedEvent, (event) => event.orderId === order.id);
      expect(placed.payload).toEqual({
        orderId: order.id,
        userId,
        items: [
          { productId: DESK.id, quantity: 1 },
          { productId: LAMP.id, quantity: 3 },
        ],
        totalCents: 18_547,
        currency: 'EUR',
      });
      expect(placed.source).toBe('order-processing');
    });

    it('refuses prices from the caller', async () => {
      const res = await place({ userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1, unitPriceCents: 1 }] });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('unitPriceCents');
    });

    it('returns the same order for a retry with the same key and body, and stores it once', async () => {
      const userId = randomUUID();
      const key = `retry-${randomUUID()}`;
      const body = { userId, items: [{ productId: MUG.id, quantity: 2 }] };
      const first = await place(body, key);
      expect(first.statusCode).toBe(201);
      const asked = productSearch.requests.length;

      const retry = await place(body, key);
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
      expect(productSearch.requests.length).toBe(asked); // a replay does not price again
      expect(await orderRows(userId)).toBe(1);
    });

    it('treats the same items in another order as the same request', async () => {
      const userId = randomUUID();
      const key = randomUUID();
      const a = { productId: MUG.id, quantity: 1 };
      const b = { productId: LAMP.id, quantity: 2 };
      const first = await place({ userId, items: [a, b] }, key);
      const again = await place({ userId, items: [b, a] }, key);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
    });

    it('places exactly one order for 10 concurrent requests with one key', async () => {
      const userId = randomUUID();
      const key = randomUUID();
      const body = {
        userId,
        items: [
          { productId: LAMP.id, quantity: 1 },
          { productId: MUG.id, quantity: 4 },
        ],
      };
      const responses = await Promise.all(Array.from({ length: 10 }, () => place(body, key)));
      const statuses = responses.map((res) => res.statusCode).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((res) => res.json().id)).size).toBe(1);
      expect(responses.every((res) => res.json().totalCents === 1999 + 4 * 450)).toBe(true);
      expect(await orderRows(userId)).toBe(1);
      // The losers' transactions rolled back, their events with them: one order, one event.
      await stock.waitFor(OrderPlacedEvent, (event) => event.userId === userId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(stock.received(OrderPlacedEvent).filter((event) => event.payload.userId === userId)).toHaveLength(1);
    });

    it('answers 409 naming every product without enough stock, and stores nothing', async () => {
      const userId = randomUUID();
      const res = await place({
        userId,
        items: [
          { productId: MUG.id, quantity: 1 },
          { productId: VASE.id, quantity: 3 },
          { productId: CLOCK.id, quantity: 1 },
        ],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        message: 'not enough stock: Vase has 2 left (3 ordered); Clock is sold out',
      });
      expect(await orderRows(userId)).toBe(0);
      // Exactly the stock is fine.
      expect((await place({ userId, items: [{ productId: VASE.id, quantity: 2 }] })).statusCode).toBe(201);
    });

    it('answers 409 for the same key with a different body', async () => {
      const userId = randomUUID();
      const key = randomUUID();
      const first = await place({ userId, items: [{ productId: MUG.id, quantity: 1 }] }, key);
      const other = await place({ userId, items: [{ productId: MUG.id, quantity: 2 }] }, key);
      expect(other.statusCode).toBe(409);
      expect(other.json()).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining(key) });
      expect(other.json().message).toContain(first.json().id);
      expect(await orderRows(userId)).toBe(1);
    });

    it('scopes keys to the user: another user may use the same key', async () => {
      const key = randomUUID();
      const items = [{ productId: MUG.id, quantity: 1 }];
      const mine = await place({ userId: randomUUID(), items }, key);
      const theirs = await place({ userId: randomUUID(), items }, key);
      expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
      expect(theirs.json().id).not.toBe(mine.json().id);
    });

    it('answers 422 naming an unknown product, and stores nothing', async () => {
      const userId = randomUUID();
      const unknown = randomUUID();
      const res = await place({
        userId,
        items: [
          { productId: LAMP.id, quantity: 1 },
          { productId: unknown, quantity: 1 },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ statusCode: 422, message: `unknown product: ${unknown}` });
      expect(await orderRows(userId)).toBe(0);
    });

    it('prices the largest order with one request, and names every unknown product in request order', async () => {
      const userId = randomUUID();
      const unknown = Array.from({ length: MAX_ORDER_ITEMS - 2 }, () => randomUUID());
      const items = [unknown[0], LAMP.id, ...unknown.slice(1), MUG.id.toUpperCase()].map((productId) => ({
        productId,
        quantity: 1,
      }));
      expect(items).toHaveLength(MAX_ORDER_ITEMS);
      const asked = productSearch.requests.length;
      const res = await place({ userId, items });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ statusCode: 422, message: `unknown products: ${unknown.join(', ')}` });
      expect(productSearch.requests.slice(asked)).toEqual([
        { route: 'POST /products/lookup', ids: items.map((item) => item.productId.toLowerCase()) },
      ]);
      expect(await orderRows(userId)).toBe(0);
    });

    it('matches a product id given in upper case to the product', async () => {
      const res = await place({ userId: randomUUID(), items: [{ productId: MUG.id.toUpperCase(), quantity: 2 }] });
      expect(res.statusCode).toBe(201);
      expect(res.json().items).toEqual([
        { productId: MUG.id, name: 'Mug', unitPriceCents: 450, quantity: 2, lineTotalCents: 900 },
      ]);
    });

    it('answers 502 when product-search fails or breaks its contract, and stores nothing', async () => {
      const userId = randomUUID();
      const failing = await place({ userId, items: [{ productId: FAILING_ID, quantity: 1 }] });
      expect(failing.statusCode).toBe(502);
      expect(failing.json()).toMatchObject({ statusCode: 502 });
      expect(failing.json().message).toContain('product-search POST /products/lookup failed with 500');
      const dollars = await place({
        userId,
        items: [
          { productId: MUG.id, quantity: 1 },
          { productId: DOLLAR_LAMP.id, quantity: 1 },
        ],
      });
      expect(dollars.statusCode).toBe(502);
      expect(dollars.json()).toMatchObject({
        statusCode: 502,
        message: `product-search returned currency USD for product ${DOLLAR_LAMP.id}; orders are in EUR`,
      });
      expect(await orderRows(userId)).toBe(0);
    });

    it('answers 503 when product-search is down, and a replay still answers', async () => {
      const userId = randomUUID();
      const key = randomUUID();
      const body = { userId, items: [{ productId: DESK.id, quantity: 1 }] };
      const placed = await place(body, key);
      expect(placed.statusCode).toBe(201);

      service.env['PRODUCT_SEARCH_URL'] = `http://127.0.0.1:${await closedPort()}`;
      try {
        const down = await place({ userId, items: [{ productId: DESK.id, quantity: 1 }] });
        expect(down.statusCode).toBe(503);
        expect(down.json().message).toContain('product-search');
        const replay = await place(body, key);
        expect(replay.statusCode).toBe(200);
        expect(replay.json().id).toBe(placed.json().id);
      } finally {
        service.env['PRODUCT_SEARCH_URL'] = productSearch.url;
      }
      expect(await orderRows(userId)).toBe(1);
    });

    it.each([
      [
        'no Idempotency-Key',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1 }] },
        null,
        'Idempotency-Key',
      ],
      [
        'a short Idempotency-Key',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1 }] },
        'short',
        'Idempotency-Key',
      ],
      [
        'a long Idempotency-Key',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1 }] },
        'k'.repeat(129),
        'Idempotency-Key',
      ],
      [
        'a key with spaces',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1 }] },
        'has spaces in it',
        'Idempotency-Key',
      ],
      ['a bad userId', { userId: 'me', items: [{ productId: MUG.id, quantity: 1 }] }, 'key-12345', 'userId'],
      ['no items', { userId: randomUUID(), items: [] }, 'key-12345', 'items'],
      [
        '51 items',
        { userId: randomUUID(), items: Array.from({ length: 51 }, () => ({ productId: randomUUID(), quantity: 1 })) },
        'key-12345',
        'items',
      ],
      [
        'a duplicate product',
        {
          userId: randomUUID(),
          items: [
            { productId: MUG.id, quantity: 1 },
            { productId: MUG.id.toUpperCase(), quantity: 2 },
          ],
        },
        'key-12345',
        'productId twice',
      ],
      [
        'a bad productId',
        { userId: randomUUID(), items: [{ productId: 'mug', quantity: 1 }] },
        'key-12345',
        'productId',
      ],
      ['quantity 0', { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 0 }] }, 'key-12345', 'quantity'],
      [
        'quantity 101',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 101 }] },
        'key-12345',
        'quantity',
      ],
      [
        'a fractional quantity',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1.5 }] },
        'key-12345',
        'quantity',
      ],
      [
        'an unknown field',
        { userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1 }], coupon: 'FREE' },
        'key-12345',
        'coupon',
      ],
    ])('answers 400 for %s', async (_, body, key, named) => {
      const res = await place(body, key);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.json().message).toContain(named);
    });
  });

  describe('GET /orders', () => {
    it("lists the user's orders newest first, and only theirs", async () => {
      const userId = randomUUID();
      const ids: string[] = [];
      for (const quantity of [1, 2, 3]) {
        ids.push((await place({ userId, items: [{ productId: MUG.id, quantity }] })).json().id);
      }
      await place({ userId: randomUUID(), items: [{ productId: MUG.id, quantity: 1 }] });

      const res = await service.app.inject({ method: 'GET', url: `/orders?userId=${userId}`, headers: auth() });
      expect(res.statusCode).toBe(200);
      const { items } = res.json() as { items: OrderDto[] };
      expect(items.map((order) => order.id)).toEqual([...ids].reverse());
      expect(items.map((order) => order.totalCents)).toEqual([1350, 900, 450]);
      expect(items[0].items).toEqual([
        { productId: MUG.id, name: 'Mug', unitPriceCents: 450, quantity: 3, lineTotalCents: 1350 },
      ]);

      const limited = await service.app.inject({
        method: 'GET',
        url: `/orders?userId=${userId}&limit=2`,
        headers: auth(),
      });
      expect(limited.json().items.map((order: OrderDto) => order.id)).toEqual([ids[2], ids[1]]);
      const none = await service.app.inject({ method: 'GET', url: `/orders?userId=${randomUUID()}`, headers: auth() });
      expect(none.json()).toEqual({ items: [] });
    });

    it.each([
      ['/orders'],
      ['/orders?userId=nope'],
      [`/orders?userId=${randomUUID()}&limit=101`],
      [`/orders?userId=${randomUUID()}&page=2`],
    ])('answers 400 for %s', async (url) => {
      const res = await service.app.inject({ method: 'GET', url, headers: auth() });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/userId|limit|page/);
    });
  });

  describe('GET /orders/:id', () => {
    it('answers 404 for a missing order and 400 for a malformed id', async () => {
      const missingId = randomUUID();
      const missing = await service.app.inject({ method: 'GET', url: `/orders/${missingId}`, headers: auth() });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().message).toContain(missingId);
      const malformed = await service.app.inject({ method: 'GET', url: '/orders/42', headers: auth() });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().message).toContain('id');
    });
  });

  describe('PATCH /orders/:id/status', () => {
    const setStatus = (id: string, status: unknown) =>
      service.app.inject({ method: 'PATCH', url: `/orders/${id}/status`, headers: auth(), payload: { status } });
    const newOrder = async (): Promise<string> =>
      (await place({ userId: randomUUID(), items: [{ productId: LAMP.id, quantity: 1 }] })).json().id;

    it('follows placed → paid → shipped', async () => {
      const id = await newOrder();
      const paid = await setStatus(id, 'paid');
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({ id, status: 'paid', totalCents: 1999 });
      expect((await setStatus(id, 'shipped')).json().status).toBe('shipped');
      const fetched = await service.app.inject({ method: 'GET', url: `/orders/${id}`, headers: auth() });
      expect(fetched.json().status).toBe('shipped');
    });

    it('cancels placed and paid orders, and publishes order.cancelled for each', async () => {
      const placed = await newOrder();
      expect((await setStatus(placed, 'cancelled')).json()).toMatchObject({ status: 'cancelled', statusReason: null });
      const paid = await newOrder();
      await setStatus(paid, 'paid');
      expect((await setStatus(paid, 'cancelled')).json().status).toBe('cancelled');
      for (const orderId of [placed, paid]) {
        const cancelled = await stock.waitFor(OrderCancelledEvent, (event) => event.orderId === orderId);
        expect(cancelled.payload).toEqual({ orderId, userId: expect.any(String), reason: 'requested' });
      }
      // A refused change publishes nothing.
      expect((await setStatus(placed, 'cancelled')).statusCode).toBe(409);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(stock.received(OrderCancelledEvent).filter((event) => event.payload.orderId === placed)).toHaveLength(1);
    });

    it('cancels an order whose stock product-search could not reserve, once, with the reason', async () => {
      const id = await newOrder();
      const shortfalls = [{ productId: LAMP.id, name: 'Lamp', requested: 1, available: 0 }];
      const failure = await stock.publish(StockReservationFailedEvent, { orderId: id, shortfalls });
      await stock.republish(failure); // a redelivery changes nothing
      const order = await eventually(
        async () => {
          const res = await service.app.inject({ method: 'GET', url: `/orders/${id}`, headers: auth() });
          return res.json().status === 'cancelled' && (res.json() as OrderDto);
        },
        20_000,
        'the cancellation',
      );
      expect(order.statusReason).toBe('out of stock: Lamp (1 ordered, 0 available)');
      const cancelled = await stock.waitFor(OrderCancelledEvent, (event) => event.orderId === id);
      expect(cancelled.payload.reason).toBe('out of stock: Lamp (1 ordered, 0 available)');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(stock.received(OrderCancelledEvent).filter((event) => event.payload.orderId === id)).toHaveLength(1);
    });

    it.each([
      [[], 'shipped', 'placed'],
      [[], 'placed', 'placed'],
      [['paid'], 'paid', 'paid'],
      [['paid', 'shipped'], 'cancelled', 'shipped'],
      [['cancelled'], 'paid', 'cancelled'],
    ])('after %j refuses %s with 409 naming both states', async (steps, next, current) => {
      const id = await newOrder();
      for (const step of steps) expect((await setStatus(id, step)).statusCode).toBe(200);
      const res = await setStatus(id, next);
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toContain(`from ${current} to ${next}`);
    });

    it('lets only one of two concurrent changes from the same state win', async () => {
      const id = await newOrder();
      await setStatus(id, 'paid');
      const results = await Promise.all([setStatus(id, 'shipped'), setStatus(id, 'shipped')]);
      expect(results.map((res) => res.statusCode).sort()).toEqual([200, 409]);
    });

    it('answers 404 for a missing order and 400 for a bad status', async () => {
      expect((await setStatus(randomUUID(), 'paid')).statusCode).toBe(404);
      const bad = await setStatus(await newOrder(), 'lost');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('status must be one of');
      expect((await setStatus('42', 'paid')).statusCode).toBe(400);
    });
  });

  describe('unpaid orders release their stock', () => {
    const newOrder = async (): Promise<string> =>
      (await place({ userId: randomUUID(), items: [{ productId: LAMP.id, quantity: 2 }] })).json().id;
    /** Ages an order by the timeout (30 minutes by default) plus one second. */
    const age = (id: string) =>
      service.app
        .get(DataSource)
        .query(`UPDATE orders SET created_at = created_at - make_interval(secs => $2) WHERE id = $1`, [
          id,
          service.app.get(UnpaidOrders).timeoutSeconds + 1,
        ]);
    const statusOf = async (id: string) =>
      (await service.app.inject({ method: 'GET', url: `/orders/${id}`, headers: auth() })).json();

    it('cancels an order still unpaid after the timeout, with order.cancelled (product-search returns its units)', async () => {
      const [unpaid, young, paid] = [await newOrder(), await newOrder(), await newOrder()];
      await service.app.inject({
        method: 'PATCH',
        url: `/orders/${paid}/status`,
        headers: auth(),
        payload: { status: 'paid' },
      });
      await age(unpaid);
      await age(paid);
      const expiry = service.app.get(UnpaidOrders);
      await expiry.sweepOnce();
      await expiry.sweepOnce(); // a second sweep, surely started after the ageing, finds nothing more to do

      expect(await statusOf(unpaid)).toMatchObject({
        status: 'cancelled',
        statusReason: 'not paid within 30 minutes: the order was cancelled and its stock released',
      });
      expect((await statusOf(young)).status).toBe('placed');
      expect((await statusOf(paid)).status).toBe('paid');
      const cancelled = await stock.waitFor(OrderCancelledEvent, (event) => event.orderId === unpaid);
      expect(cancelled.payload).toMatchObject({ orderId: unpaid, reason: expect.stringMatching(/^not paid within/) });
      expect(await expiry.sweepOnce()).toBe(0);
      expect(stock.received(OrderCancelledEvent).filter((event) => event.payload.orderId === unpaid)).toHaveLength(1);
    });
  });
});
