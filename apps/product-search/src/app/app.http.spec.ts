import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { OrderCancelledEvent, OrderPlacedEvent, type OrderedProduct } from '@ms/contracts-order-processing';
import { DataSource, type QueryRunner } from 'typeorm';
import {
  MAX_COUNTED_TOTAL,
  MAX_LOOKUP_IDS,
  PRODUCT_SEARCH_SERVICE,
  StockReservationFailedEvent,
  type ProductDto,
  type ProductLookupDto,
  type ProductPageDto,
} from '@ms/contracts-product-search';
import { FileStorage } from '@ms/platform-file-storage';
import { CacheService } from '@ms/platform-cache';
import { eventually, startEventProbe, startTestService, type EventProbe, type TestService } from '@ms/platform-testing';
import { AppModule } from './app.module';
import { ProductCatalog, toProductDto } from './products/product-catalog';
import { CatalogueSeeder } from './seed/catalogue-seeder';
import { CurrentStock } from './products/current-stock';
import { CataloguePrewarm } from './products/catalogue-prewarm';
import { SEARCH_TTL_MS } from './products/products.service';
import { generateCatalogue } from './seed/catalogue';

/** The seed size for this file: small, so the start-up seed takes a moment. */
const SEED_PRODUCTS = 150;
/** The catalogue the service seeds itself with at start (deterministic, so the test knows it in advance). */
const catalogue = generateCatalogue(SEED_PRODUCTS);

/** A product whose name has a long word, and that word: long words keep their trigrams when one letter changes. */
const longestWord = (name: string) => name.split(' ').reduce((a, b) => (b.length > a.length ? b : a));
const target = catalogue.find((p) => longestWord(p.name).length >= 8) ?? catalogue[0];
const word = longestWord(target.name);

/** The service over HTTP, built as in production, on real backends (see @ms/platform-testing). */
describe('product-search over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(AppModule, PRODUCT_SEARCH_SERVICE, {
      database: true,
      env: { SEED_PRODUCTS: String(SEED_PRODUCTS) },
    });
  });
  afterAll(() => service?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    service.app.inject({ method: 'GET', url, headers });
  const search = async (query: string): Promise<ProductPageDto> => {
    const res = await get(`/products?${query}`);
    expect({ query, status: res.statusCode }).toEqual({ query, status: 200 });
    return res.json();
  };

  it('refuses every internal route without a service token', async () => {
    for (const route of PRODUCT_SEARCH_SERVICE.routes.filter((r) => (r.access as string) === 'internal')) {
      const url = route.path.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await service.app.inject({ method: route.method, url });
      expect({ route: `${route.method} ${route.path}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('describes itself', async () => {
    const res = await get('/info');
    expect(res.statusCode).toBe(200);
    // Persistence is derived from the adapters the service runs with: all three of them.
    expect(res.json()).toEqual({
      name: 'product-search',
      accessibility: 'hybrid',
      persistence: ['database', 'file-storage', 'cache'],
    });
  });

  it('is ready and documents only its public routes', async () => {
    expect((await get('/health/ready')).statusCode).toBe(200);
    const docs = (await get('/docs-json')).json();
    const publicPaths = new Set(
      PRODUCT_SEARCH_SERVICE.routes.filter((r) => r.access === 'public').map((r) => r.path.replace(/:(\w+)/g, '{$1}')),
    );
    expect(new Set(Object.keys(docs.paths))).toEqual(publicPaths);
  });

  describe('the seed catalogue (loaded at start because the catalogue was empty)', () => {
    it('has SEED_PRODUCTS products, listed newest first by default', async () => {
      const page = await search('pageSize=100');
      expect(page).toMatchObject({ total: SEED_PRODUCTS, page: 1, pageSize: 100 });
      const newest = [...catalogue].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1),
      );
      expect(page.items.map((p) => p.id)).toEqual(newest.slice(0, 100).map((p) => p.id));
    });

    it('serves a product in the contract shape', async () => {
      const res = await get(`/products/${target.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: target.id,
        sku: target.sku,
        name: target.name,
        description: target.description,
        category: target.category,
        priceCents: target.priceCents,
        currency: 'EUR',
        stock: target.stock,
        imageUrl: `/products/${target.id}/image`,
        createdAt: target.createdAt.toISOString(),
      } satisfies ProductDto);
      expect(res.json()).toEqual(toProductDto(target));
    });

    it('answers 404 for an unknown product and 400 for a malformed id', async () => {
      const missing = await get('/products/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const malformed = await get('/products/not-a-uuid');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().message).toContain('uuid');
    });
  });

  describe('the batch look-up (POST /products/lookup, order-processing only)', () => {
    const lookUp = (body: unknown, headers = service.serviceTokenHeaders('order-processing')) =>
      service.app.inject({ method: 'POST', url: '/products/lookup', headers, payload: body as object });
    const found = async (ids: string[]): Promise<ProductLookupDto> => {
      const res = await lookUp({ ids });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const unknownId = () => randomUUID();

    it('answers several products in one request, each as GET /products/:id has it (stock included)', async () => {
      const [a, b, c] = [catalogue[3], catalogue[1], catalogue[2]];
      const answer = await found([a.id, b.id, c.id]);
      const single = await Promise.all([a, b, c].map(async (p) => (await get(`/products/${p.id}`)).json()));
      expect(answer).toEqual({ items: single, unknownIds: [] });
    });

    it('lists the ids that name no product, in the order asked for', async () => {
      const [x, y] = [unknownId(), unknownId()];
      expect(await found([y, catalogue[0].id, x])).toEqual({
        items: [(await get(`/products/${catalogue[0].id}`)).json()],
        unknownIds: [y, x],
      });
    });

    it('looks a repeated id up once, in any letter case', async () => {
      const id = catalogue[4].id;
      const missing = unknownId();
      const answer = await found([id, id.toUpperCase(), missing, missing.toUpperCase(), id]);
      expect(answer.items.map((p) => p.id)).toEqual([id]);
      expect(answer.unknownIds).toEqual([missing]);
    });

    it(`reads them in one query, also at the limit (${MAX_LOOKUP_IDS} ids)`, async () => {
      const ids = catalogue.slice(0, MAX_LOOKUP_IDS).map((p) => p.id);
      const queries: string[] = [];
      // Every SQL statement of the service goes through its query runners' query().
      const runner = service.app.get(DataSource).createQueryRunner();
      const runners = Object.getPrototypeOf(runner) as QueryRunner;
      await runner.release();
      const query = runners.query;
      const spy = jest.spyOn(runners, 'query').mockImplementation(function (this: QueryRunner, ...args: unknown[]) {
        const [sql] = args;
        if (typeof sql === 'string' && sql.includes('"products"')) queries.push(sql);
        return Reflect.apply(query, this, args);
      } as QueryRunner['query']);
      try {
        const answer = await found(ids);
        expect(answer.items.map((p) => p.id)).toEqual(ids);
      } finally {
        spy.mockRestore();
      }
      expect(queries).toHaveLength(1);
    });

    it(`answers 400 naming the limit for more than ${MAX_LOOKUP_IDS} ids`, async () => {
      const res = await lookUp({ ids: Array.from({ length: MAX_LOOKUP_IDS + 1 }, unknownId) });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        statusCode: 400,
        message: `ids must list at most ${MAX_LOOKUP_IDS} product ids`,
      });
    });

    it('answers 400 naming a malformed id, and for no ids', async () => {
      const malformed = await lookUp({ ids: [catalogue[0].id, 'lamp'] });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ statusCode: 400, message: 'ids must be UUIDs; not: "lamp"' });
      for (const body of [{}, { ids: [] }, { ids: 'lamp' }, { ids: [catalogue[0].id], extra: 1 }]) {
        const res = await lookUp(body);
        expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
      }
    });

    it('answers 401 without a service token and 403 to a service other than order-processing', async () => {
      const body = { ids: [catalogue[0].id] };
      const anonymous = await lookUp(body, {});
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ statusCode: 401 });
      const gateway = await lookUp(body, service.serviceTokenHeaders('gateway'));
      expect(gateway.statusCode).toBe(403);
      expect(gateway.json()).toMatchObject({
        statusCode: 403,
        message: 'gateway may not call POST /products/lookup',
      });
    });
  });

  describe('search', () => {
    it(`finds a product by a word of its name ("${word}")`, async () => {
      const page = await search(`q=${encodeURIComponent(word)}&pageSize=100`);
      expect(page.items.map((p) => p.id)).toContain(target.id);
      for (const item of page.items)
        expect(`${item.name} ${item.description}`.toLowerCase()).toContain(word.toLowerCase().slice(0, 4));
    });

    it('ranks the product first when searched by its whole name', async () => {
      const page = await search(`q=${encodeURIComponent(target.name)}`);
      expect(page.items[0].id).toBe(target.id);
    });

    it('still finds the product when a letter of the word is changed or dropped', async () => {
      const middle = Math.floor(word.length / 2);
      const changed = word.slice(0, middle) + (word[middle].toLowerCase() === 'x' ? 'q' : 'x') + word.slice(middle + 1);
      const dropped = word.slice(0, middle) + word.slice(middle + 1);
      for (const misspelt of [changed, dropped]) {
        const page = await search(`q=${encodeURIComponent(misspelt)}&pageSize=100`);
        expect({ misspelt, found: page.items.some((p) => p.id === target.id) }).toEqual({ misspelt, found: true });
        // The closest names come first: the product's word is in the first result.
        expect(page.items[0].name).toContain(word);
      }
    });

    it('finds nothing for text unlike any product', async () => {
      expect(await search('q=zzzzqqqq')).toMatchObject({ items: [], total: 0 });
    });

    it('filters by category and price range, in cents', async () => {
      const inCategory = await search(`category=${encodeURIComponent(target.category)}&pageSize=100`);
      expect(inCategory.total).toBe(catalogue.filter((p) => p.category === target.category).length);
      expect(inCategory.items.every((p) => p.category === target.category)).toBe(true);

      const ranged = await search('minPrice=1000&maxPrice=5000&pageSize=100');
      expect(ranged.total).toBe(catalogue.filter((p) => p.priceCents >= 1000 && p.priceCents <= 5000).length);
      expect(ranged.items.every((p) => p.priceCents >= 1000 && p.priceCents <= 5000)).toBe(true);

      const both = await search(
        `q=${encodeURIComponent(word)}&category=${encodeURIComponent(target.category)}&maxPrice=${target.priceCents}`,
      );
      expect(both.items.map((p) => p.id)).toContain(target.id);
      expect(both.items.every((p) => p.category === target.category && p.priceCents <= target.priceCents)).toBe(true);
    });

    it('sorts by price both ways and by newest', async () => {
      const prices = (page: ProductPageDto) => page.items.map((p) => p.priceCents);
      const ascending = prices(await search('sort=price_asc&pageSize=100'));
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect(ascending[0]).toBe(Math.min(...catalogue.map((p) => p.priceCents)));
      const descending = prices(await search('sort=price_desc&pageSize=100'));
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(descending[0]).toBe(Math.max(...catalogue.map((p) => p.priceCents)));
      const newest = (await search(`q=${encodeURIComponent(word)}&sort=newest`)).items.map((p) =>
        Date.parse(p.createdAt),
      );
      expect(newest).toEqual([...newest].sort((a, b) => b - a));
    });

    it('pages without overlap and reports the total on every page', async () => {
      const first = await search('sort=price_asc&page=1&pageSize=40');
      const second = await search('sort=price_asc&page=2&pageSize=40');
      expect(second).toMatchObject({ total: SEED_PRODUCTS, page: 2, pageSize: 40 });
      const ids = new Set(first.items.map((p) => p.id));
      expect(second.items.some((p) => ids.has(p.id))).toBe(false);
      expect(await search('page=99&pageSize=100')).toEqual({
        items: [],
        total: SEED_PRODUCTS,
        totalCapped: false,
        page: 99,
        pageSize: 100,
      });
    });

    it('answers 400 naming a bad parameter', async () => {
      const cases: [string, string][] = [
        ['pageSize=1000', 'pageSize'],
        ['pageSize=0', 'pageSize'],
        ['page=0', 'page'],
        ['minPrice=-5', 'minPrice'],
        ['maxPrice=12.5', 'maxPrice'],
        ['sort=cheapest', 'sort'],
        ['minPrice=500&maxPrice=100', 'minPrice must not be greater than maxPrice'],
        ['colour=red', 'colour'],
        [`q=${'x'.repeat(201)}`, 'q'],
      ];
      for (const [query, named] of cases) {
        const res = await get(`/products?${query}`);
        expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
        expect(res.json().message).toContain(named);
      }
    });

    it('serves a second identical search from the cache', async () => {
      const catalog = service.app.get(ProductCatalog);
      const loads = jest.spyOn(catalog, 'search');
      try {
        const url = `q=${encodeURIComponent(word)}&category=${encodeURIComponent(target.category)}&pageSize=7`;
        const first = await search(url);
        // The same search, spelt differently (defaults made explicit, other order): the same cache entry.
        const second = await search(
          `pageSize=7&sort=relevance&page=1&category=${encodeURIComponent(target.category)}&q=${encodeURIComponent(word)}`,
        );
        expect(second).toEqual(first);
        expect(loads).toHaveBeenCalledTimes(1);
        await search(`${url}&page=2`);
        expect(loads).toHaveBeenCalledTimes(2);
      } finally {
        loads.mockRestore();
      }
    });
  });

  it('keeps a hot page in the process, without the shared cache, only as long as its shared entry lives', async () => {
    const url = `q=${encodeURIComponent(word)}&pageSize=3`;
    const first = await search(url);
    const sharedReads = jest.spyOn(service.app.get(CacheService), 'getOrSet');
    const now = Date.now();
    try {
      expect(await search(url)).toEqual(first);
      expect(sharedReads).not.toHaveBeenCalled();
      jest.spyOn(Date, 'now').mockReturnValue(now + SEARCH_TTL_MS + 1);
      await search(url);
      expect(sharedReads).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
    }
  });

  describe('stock, kept in step with orders by events', () => {
    // Stands in for order-processing: publishes its order events, and hears what product-search answers.
    let orders: EventProbe;
    beforeAll(async () => {
      orders = await startEventProbe(service, { as: 'order-processing', consumes: [StockReservationFailedEvent] });
    });
    afterAll(() => orders?.close());

    const stockOf = async (id: string): Promise<number> => (await get(`/products/${id}`)).json().stock;
    const waitForStock = (id: string, expected: number) =>
      eventually(async () => (await stockOf(id)) === expected, 20_000, `stock of ${id} to be ${expected}`);
    const placeOrder = (items: OrderedProduct[], orderId = randomUUID()) =>
      orders.publish(OrderPlacedEvent, { orderId, userId: randomUUID(), items, totalCents: 100, currency: 'EUR' });
    const cancelOrder = (orderId: string) =>
      orders.publish(OrderCancelledEvent, { orderId, userId: randomUUID(), reason: 'requested' });
    /** Products with at least `units` in stock that no other test of this block uses. */
    const taken = new Set<string>();
    const productWithStock = (units: number) => {
      const product = catalogue.find((p) => p.stock >= units && !taken.has(p.id));
      if (!product) throw new Error(`no product with ${units} in stock left in the test catalogue`);
      taken.add(product.id);
      return product;
    };

    it("takes an order's units off the stock once, even when the event comes twice; listings show it at once", async () => {
      const product = productWithStock(5);
      const listing = `q=${encodeURIComponent(product.name)}&pageSize=1`;
      expect((await search(listing)).items[0]).toMatchObject({ id: product.id, stock: product.stock }); // now cached

      const placed = await placeOrder([{ productId: product.id, quantity: 2 }]);
      await waitForStock(product.id, product.stock - 2);
      await orders.republish(placed); // a redelivery: already applied, so nothing changes
      await placeOrder([{ productId: product.id, quantity: 1 }]);
      await waitForStock(product.id, product.stock - 3);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await stockOf(product.id)).toBe(product.stock - 3);
      // The cached search page carries the current stock, not the cached one.
      expect((await search(listing)).items[0]).toMatchObject({ id: product.id, stock: product.stock - 3 });
    });

    it('serves a repeated page without reading stock until the database announces a change, whoever made it', async () => {
      const product = productWithStock(2);
      const listing = `q=${encodeURIComponent(product.name)}&pageSize=1`;
      await eventually(async () => service.app.get(CurrentStock).trusted, 20_000, 'the stock listener to be up');
      expect((await search(listing)).items[0]).toMatchObject({ id: product.id, stock: product.stock }); // now cached
      await search(listing); // remembers the stock, had a change elsewhere overtaken the first read
      const reads = jest.spyOn(service.app.get(ProductCatalog), 'stockOf');
      try {
        expect((await search(listing)).items[0]).toMatchObject({ id: product.id, stock: product.stock });
        expect(reads).not.toHaveBeenCalled();
        // Not through this service's events: an operator, or another instance, changes the row.
        await service.app
          .get(DataSource)
          .query(`UPDATE "products" SET "stock" = "stock" - 1 WHERE "id" = $1`, [product.id]);
        await eventually(
          async () => (await search(listing)).items[0].stock === product.stock - 1,
          5_000,
          'the cached page to show the new stock',
        );
        expect(reads).toHaveBeenCalled();
      } finally {
        reads.mockRestore();
      }
    });

    it('gives the units back when the order is cancelled', async () => {
      const product = productWithStock(4);
      const placed = await placeOrder([{ productId: product.id, quantity: 4 }]);
      await waitForStock(product.id, product.stock - 4);
      await cancelOrder(placed.payload.orderId);
      await waitForStock(product.id, product.stock);
    });

    it('reserves all lines or none, and reports a shortfall as stock.reservation-failed', async () => {
      const plenty = productWithStock(2);
      const scarce = productWithStock(1);
      const placed = await placeOrder([
        { productId: plenty.id, quantity: 1 },
        { productId: scarce.id, quantity: scarce.stock + 1 },
      ]);
      const failed = await orders.waitFor(
        StockReservationFailedEvent,
        (event) => event.orderId === placed.payload.orderId,
      );
      expect(failed.payload.shortfalls).toEqual([
        { productId: scarce.id, name: scarce.name, requested: scarce.stock + 1, available: scarce.stock },
      ]);
      expect(failed.source).toBe('product-search');
      expect(await stockOf(plenty.id)).toBe(plenty.stock);
      expect(await stockOf(scarce.id)).toBe(scarce.stock);

      // Its cancellation (order-processing's answer) gives back nothing, since nothing was taken.
      await cancelOrder(placed.payload.orderId);
      const marker = await placeOrder([{ productId: plenty.id, quantity: 1 }]);
      await waitForStock(plenty.id, plenty.stock - 1);
      expect(marker.payload.orderId).toBeDefined();
      expect(await stockOf(scarce.id)).toBe(scarce.stock);
    });

    it('takes nothing for an order whose cancellation arrived first', async () => {
      const product = productWithStock(3);
      const orderId = randomUUID();
      await cancelOrder(orderId);
      await placeOrder([{ productId: product.id, quantity: 3 }], orderId);
      // A later order on the same product shows the overtaken one was seen and skipped.
      await placeOrder([{ productId: product.id, quantity: 1 }]);
      await waitForStock(product.id, product.stock - 1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await stockOf(product.id)).toBe(product.stock - 1);
    });

    it('reports an unknown product as a shortfall with no name', async () => {
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      const placed = await placeOrder([{ productId: unknown, quantity: 1 }]);
      const failed = await orders.waitFor(
        StockReservationFailedEvent,
        (event) => event.orderId === placed.payload.orderId,
      );
      expect(failed.payload.shortfalls).toEqual([{ productId: unknown, name: null, requested: 1, available: 0 }]);
    });
  });

  describe('categories', () => {
    it('lists every category with counts that add up to the total', async () => {
      const res = await get('/categories');
      expect(res.statusCode).toBe(200);
      const { items } = res.json() as { items: { name: string; count: number }[] };
      expect(items.map((c) => c.name)).toEqual([...new Set(catalogue.map((p) => p.category))].sort());
      expect(items.reduce((sum, c) => sum + c.count, 0)).toBe((await search('pageSize=1')).total);
      for (const category of items)
        expect(category.count).toBe(catalogue.filter((p) => p.category === category.name).length);
    });
  });

  it('reads the catalogue into the database buffers after a start, where the server has pg_prewarm', async () => {
    const [{ available }] = await service.app
      .get(DataSource)
      .query(`SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_prewarm') AS "available"`);
    const result = await service.app.get(CataloguePrewarm).prewarm();
    if (!available) return expect(result).toBeUndefined();
    expect(result?.relations).toEqual(expect.arrayContaining(['products', 'IDX_products_search_vector']));
    expect(result?.blocks).toBeGreaterThan(0);
  });

  describe('images (file storage)', () => {
    it('serves the generated PNG with ETag and Cache-Control, and 304 when unchanged', async () => {
      const res = await get(`/products/${target.id}/image`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toContain('max-age');
      const etag = res.headers['etag'] as string;
      expect(etag).toMatch(/^"/);
      expect(res.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

      const revalidated = await get(`/products/${target.id}/image`, { 'if-none-match': etag });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
    });

    it('answers 404 for an unknown product and 400 for a malformed id', async () => {
      expect((await get('/products/00000000-0000-4000-8000-000000000000/image')).statusCode).toBe(404);
      expect((await get('/products/nope/image')).statusCode).toBe(400);
    });
  });

  describe('seeding', () => {
    it('leaves a non-empty catalogue alone, and a reseed replaces it and removes stale images', async () => {
      const seeder = service.app.get(CatalogueSeeder);
      expect(await seeder.seed({ replace: false })).toMatchObject({ seeded: false, products: SEED_PRODUCTS });

      const storage = service.app.get(FileStorage);
      await storage.put('products/stale.png', Readable.from([Buffer.from('old')]), { contentType: 'image/png' });
      const reseeded = await seeder.seed({ replace: true });
      expect(reseeded).toMatchObject({
        seeded: true,
        products: SEED_PRODUCTS,
        images: SEED_PRODUCTS,
        removedImages: 1,
      });
      await expect(storage.stat('products/stale.png')).rejects.toMatchObject({ status: 404 });
      // Same deterministic catalogue: same ids, so links and images keep working.
      expect((await get(`/products/${catalogue[SEED_PRODUCTS - 1].id}`)).statusCode).toBe(200);
      expect((await get(`/products/${catalogue[SEED_PRODUCTS - 1].id}/image`)).statusCode).toBe(200);
    });

    it('runs one seed at a time: two replacing seeds at once both finish, one after the other', async () => {
      const seeder = service.app.get(CatalogueSeeder);
      const results = await Promise.all([seeder.seed({ replace: true }), seeder.seed({ replace: true })]);
      expect(results.map((r) => r.products)).toEqual([SEED_PRODUCTS, SEED_PRODUCTS]);
      expect((await search('pageSize=3&sort=price_desc')).total).toBe(SEED_PRODUCTS);
    });
  });

  describe('at scale (rows added straight to the database, removed afterwards)', () => {
    const EXTRA = MAX_COUNTED_TOTAL + 50;
    const named = (p: ProductDto) => /quokka/i.test(p.name);
    let database: DataSource;
    beforeAll(async () => {
      database = service.app.get(DataSource);
      // 1,000 older products named after the word, then 50 newer ones that only mention it in their description.
      await database.query(
        `INSERT INTO "products" ("id", "sku", "name", "description", "category", "price_cents", "stock", "created_at")
         SELECT gen_random_uuid(), 'QK-' || i,
                CASE WHEN i <= $1 THEN 'Quokka Jar ' || i ELSE 'Plain Jar ' || i END,
                CASE WHEN i <= $1 THEN 'A jar.' ELSE 'A jar for quokka lovers.' END,
                'Zoo', 100 + i, 5,
                timestamptz '2020-01-01' + i * interval '1 minute' + CASE WHEN i > $1 THEN interval '7 years' ELSE interval '0' END
         FROM generate_series(1, $2) AS i`,
        [MAX_COUNTED_TOTAL, EXTRA],
      );
    });
    afterAll(() => database.query(`DELETE FROM "products" WHERE "category" = 'Zoo'`));

    it(`counts up to ${MAX_COUNTED_TOTAL} and says when there are more; pages past the count still work`, async () => {
      expect(await search('q=quokka&pageSize=5')).toMatchObject({ total: MAX_COUNTED_TOTAL, totalCapped: true });
      expect(await search('category=Zoo&pageSize=6')).toMatchObject({ total: MAX_COUNTED_TOTAL, totalCapped: true });
      const pastTheCount = await search('category=Zoo&sort=price_asc&page=52&pageSize=20');
      expect(pastTheCount.items.map((p) => p.priceCents)).toEqual(
        Array.from({ length: 20 }, (_, i) => 100 + 1020 + i + 1),
      );
      expect((await search('category=Zoo&sort=price_asc&page=60&pageSize=20')).items).toEqual([]);
    });

    it('ranks products whose name matches before those whose description does, newest first within each', async () => {
      const first = await search('q=quokka&pageSize=50');
      expect(first.items.every(named)).toBe(true);
      const dates = first.items.map((p) => Date.parse(p.createdAt));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      // The page where the name tier ends: its last 10 names, then the newest 20 description-only matches.
      const boundary = await search(`q=quokka&page=34&pageSize=30`);
      expect(boundary.items.map(named)).toEqual([...Array(10).fill(true), ...Array(20).fill(false)]);
      expect(boundary.items[10].name).toBe(`Plain Jar ${EXTRA}`);
      // Sorted by newest instead, the newer description-only matches come first.
      expect(named((await search('q=quokka&sort=newest&pageSize=10')).items[0])).toBe(false);
    });

    it('corrects a misspelt word to a word of products written after the migration, and of renamed products', async () => {
      expect((await search('q=quoxka&pageSize=5')).items.every(named)).toBe(true);
      const renamed = catalogue[1];
      await database.query(`UPDATE "products" SET "name" = 'Wombat Lantern' WHERE "id" = $1`, [renamed.id]);
      try {
        expect((await search('q=wombxt&pageSize=5')).items.map((p) => p.id)).toEqual([renamed.id]);
      } finally {
        await database.query(`UPDATE "products" SET "name" = $2 WHERE "id" = $1`, [renamed.id, renamed.name]);
      }
    });
  });
});
