import { randomBytes, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildPath, serviceUrlVariable, type ServiceDescriptor } from '@ms/contracts-common';
import { EMPTY_CART_MESSAGE, GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { ORDER_PROCESSING_SERVICE, type OrderDto } from '@ms/contracts-order-processing';
import { PRODUCT_SEARCH_SERVICE, type ProductDto } from '@ms/contracts-product-search';
import { SERVICES } from '@ms/contracts-registry';
import { USER_MANAGEMENT_ERROR_CODES, USER_MANAGEMENT_SERVICE, type UserDto } from '@ms/contracts-user-management';
import { createServiceApp } from '@ms/platform-core';
import { closedPortUrl, jsonBody, sendJson, UpstreamDouble } from '../test/upstream-double';
import { AppModule } from './app.module';
import { ManagementPort } from './edge/management-port';

/**
 * The gateway over HTTP, built as in production (`createServiceApp` with `publicDocs: false`, as main.ts does), with
 * every service it talks to replaced by a real HTTP server on loopback that speaks the contract's shapes.
 */
const SECRET = randomBytes(32).toString('hex');
const jwt = new JwtService({ secret: SECRET });
const UPSTREAM_TIMEOUT_MS = 1_000;

const USER: UserDto = {
  id: randomUUID(),
  email: 'ada@example.com',
  displayName: 'Ada',
  status: 'active',
  orderCount: 0,
  createdAt: new Date().toISOString(),
};
const PRODUCT_ID = randomUUID();
const PRODUCT: ProductDto = {
  id: PRODUCT_ID,
  sku: 'HK-00042',
  name: 'Desk Lamp',
  description: 'Warm light',
  category: 'Home',
  priceCents: 4999,
  currency: 'EUR',
  stock: 7,
  imageUrl: `/products/${PRODUCT_ID}/image`,
  createdAt: new Date().toISOString(),
};
/** Every byte value, so any text decoding or re-encoding on the way would show. */
const IMAGE = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(256 * 1024),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
]);
const GOOD_TOKEN = 'good-user-token';

function order(userId: string, items: { productId: string; quantity: number }[]): OrderDto {
  const lines = items.map((item) => ({
    ...item,
    name: PRODUCT.name,
    unitPriceCents: PRODUCT.priceCents,
    lineTotalCents: PRODUCT.priceCents * item.quantity,
  }));
  return {
    id: randomUUID(),
    userId,
    status: 'placed',
    statusReason: null,
    items: lines,
    totalCents: lines.reduce((sum, line) => sum + line.lineTotalCents, 0),
    currency: 'EUR',
    createdAt: new Date().toISOString(),
  };
}

/** A public document as a service's /docs-json serves it (the shape @nestjs/swagger produces). */
function docsOf(service: ServiceDescriptor, extraPaths: OpenAPIObject['paths'] = {}): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const route of service.routes.filter((r) => r.access === 'public')) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId: `Controller_${route.method}${route.path}`,
        'x-access': 'public',
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/UserDto' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: service.name, version: '1.0' },
    paths: { ...paths, ...extraPaths },
    components: {
      schemas: {
        UserDto: {
          type: 'object',
          properties: { id: { type: 'string' }, from: { type: 'string', enum: [service.name] } },
        },
        // The body of an internal handler: described by the service, but no public operation uses it.
        InternalOnlyDto: { type: 'object', properties: { secret: { type: 'string' } } },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

describe('gateway over HTTP', () => {
  let app: NestFastifyApplication;
  const upstreams = new Map<string, UpstreamDouble>();
  /** The gateway's environment (never process.env itself): each <SERVICE>_URL points at that service's double. */
  const env: Record<string, string | undefined> = { ...process.env };
  const upstream = (name: string): UpstreamDouble => {
    const double = upstreams.get(name);
    if (!double) throw new Error(`no double for ${name}`);
    return double;
  };
  const productSearch = () => upstream(PRODUCT_SEARCH_SERVICE.name);
  const userManagement = () => upstream(USER_MANAGEMENT_SERVICE.name);
  const orderProcessing = () => upstream(ORDER_PROCESSING_SERVICE.name);
  const allReceived = () => [...upstreams.values()].flatMap((u) => u.received);

  beforeAll(async () => {
    for (const service of SERVICES.filter((s) => s.name !== GATEWAY_SERVICE.name)) {
      const double = await UpstreamDouble.start();
      upstreams.set(service.name, double);
      env[serviceUrlVariable(service.name)] = double.url;
    }
    productSearch()
      .on('GET', /^\/products\/[^/]+\/image$/, (_req, res) => {
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-length': IMAGE.length,
          'cache-control': 'public, max-age=60',
        });
        // In chunks, as a file would stream.
        let offset = 0;
        const pump = () => {
          while (offset < IMAGE.length) {
            const chunk = IMAGE.subarray(offset, offset + 16 * 1024);
            offset += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      })
      .on('GET', /^\/products\/[^/]+$/, (req, res) =>
        req.url.endsWith(PRODUCT_ID)
          ? sendJson(res, 200, PRODUCT)
          : sendJson(res, 404, { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'no such product' }),
      )
      .on('GET', /^\/products$/, (_req, res) =>
        sendJson(res, 200, { items: [PRODUCT], total: 1, page: 1, pageSize: 20 }),
      )
      .on('GET', /^\/slow$/, () => undefined)
      .on('GET', /^\/docs-json$/, (_req, res) => sendJson(res, 200, docsOf(PRODUCT_SEARCH_SERVICE)));
    userManagement()
      .on('POST', /^\/tokens\/verify$/, (req, res) => {
        const { token } = jsonBody<{ token: string }>(req);
        if (token === GOOD_TOKEN) return sendJson(res, 200, { user: USER });
        sendJson(res, 401, {
          statusCode: 401,
          code: USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_EXPIRED,
          error: 'Unauthorized',
          // No "access token rejected" wording: the gateway must decide by the code alone.
          message: 'this token is no good',
        });
      })
      .on('GET', /^\/docs-json$/, (_req, res) =>
        // A document that (wrongly) lists an internal route: the edge's route table must still keep it out.
        sendJson(res, 200, docsOf(USER_MANAGEMENT_SERVICE, { '/tokens/verify': { post: { responses: {} } } })),
      );
    orderProcessing()
      .on('POST', /^\/orders$/, (req, res) => {
        const input = jsonBody<{ userId: string; items: { productId: string; quantity: number }[] }>(req);
        sendJson(res, 201, order(input.userId, input.items));
      })
      .on('GET', /^\/orders$/, (req, res) => {
        const userId = new URL(req.url, 'http://x').searchParams.get('userId') ?? '';
        sendJson(res, 200, { items: [order(userId, [{ productId: PRODUCT_ID, quantity: 1 }])] });
      });

    Object.assign(env, {
      NODE_ENV: 'test',
      MANAGEMENT_PORT: '0',
      SERVICE_TOKEN_SECRET: SECRET,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      DOCS_FETCH_TIMEOUT_MS: '500',
      DOCS_CACHE_MS: '0',
    });
    app = await createServiceApp(AppModule, GATEWAY_SERVICE, env, { publicDocs: false });
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([...upstreams.values()].map((u) => u.close()));
  });

  beforeEach(() => upstreams.forEach((u) => u.reset()));

  /** A concrete path for a route template. */
  const concrete = (path: string) =>
    buildPath(path, new Proxy({}, { get: () => randomUUID() }) as Record<string, string>);

  describe('forwarding', () => {
    it('forwards every public route of every public and hybrid service, with query and request id', async () => {
      const forwarded = SERVICES.filter((s) => s.accessibility !== 'internal' && s.name !== GATEWAY_SERVICE.name);
      expect(forwarded.map((s) => s.name)).toEqual(
        expect.arrayContaining([PRODUCT_SEARCH_SERVICE.name, USER_MANAGEMENT_SERVICE.name]),
      );
      for (const service of forwarded) {
        for (const route of service.routes.filter((r) => r.access === 'public')) {
          const path = concrete(route.path);
          upstreams.forEach((u) => u.reset());
          const res = await app.inject({
            method: route.method,
            url: `/api/${service.name}${path}?q=a%20b&page=2`,
            headers: { 'x-request-id': 'edge-test-1' },
            ...(route.method === 'GET' ? {} : { payload: { any: 'thing' } }),
          });
          expect({ route: `${service.name} ${route.method} ${route.path}`, status: res.statusCode < 500 }).toEqual({
            route: `${service.name} ${route.method} ${route.path}`,
            status: true,
          });
          const received = upstream(service.name).received;
          expect(received).toHaveLength(1);
          expect(received[0]).toMatchObject({ method: route.method, url: `${path}?q=a%20b&page=2` });
          expect(received[0].headers['x-request-id']).toBe('edge-test-1');
          expect(res.headers['x-request-id']).toBe('edge-test-1');
        }
      }
    });

    it('answers with the upstream status and body', async () => {
      const found = await app.inject({ method: 'GET', url: `/api/product-search/products/${PRODUCT_ID}` });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toEqual(PRODUCT);
      const missing = await app.inject({ method: 'GET', url: `/api/product-search/products/${randomUUID()}` });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        error: 'Not Found',
        message: 'no such product',
      });
    });

    it('streams a binary image intact, with its content type', async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.getHttpServer().address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${address.port}/api/product-search/products/${PRODUCT_ID}/image`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBe(IMAGE.length);
      expect(body.equals(IMAGE)).toBe(true);
    });

    it('streams a request body through unparsed', async () => {
      const raw = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7b]);
      const res = await app.inject({
        method: 'POST',
        url: '/api/user-management/users',
        payload: raw,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(res.statusCode).toBe(200);
      expect(userManagement().received[0].body.equals(raw)).toBe(true);
      const json = '{"email":"a@b.c",  "password":"x"}';
      await app.inject({
        method: 'POST',
        url: '/api/user-management/sessions',
        payload: json,
        headers: { 'content-type': 'application/json' },
      });
      expect(userManagement().received[1].body.toString()).toBe(json);
    });

    it('drops a client-sent service token and hop-by-hop headers', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/user-management/users/me',
        headers: {
          authorization: 'Bearer user-token',
          'x-service-token': jwt.sign(
            {},
            { audience: USER_MANAGEMENT_SERVICE.name, issuer: 'order-processing', expiresIn: 60 },
          ),
          connection: 'keep-alive, x-secret-hop',
          'x-secret-hop': 'must not pass',
          'proxy-authorization': 'Basic abc',
          te: 'trailers',
        },
      });
      expect(res.statusCode).toBe(200);
      const [received] = userManagement().received;
      expect(received.headers['x-service-token']).toBeUndefined();
      expect(received.headers['x-secret-hop']).toBeUndefined();
      expect(received.headers['proxy-authorization']).toBeUndefined();
      expect(received.headers['te']).toBeUndefined();
      expect(received.headers['authorization']).toBe('Bearer user-token'); // the user's own credentials do pass
    });
  });

  describe('what is never forwarded', () => {
    const expectNotFound = async (method: string, url: string) => {
      const res = await app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      expect({ method, url, status: res.statusCode, body: res.json() }).toEqual({
        method,
        url,
        status: 404,
        body: { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: expect.any(String) },
      });
    };

    it('refuses every internal route of every service with 404, reaching nothing', async () => {
      let checked = 0;
      for (const service of SERVICES) {
        for (const route of service.routes.filter(
          (r) => r.access === 'internal' || service.accessibility === 'internal',
        )) {
          await expectNotFound(route.method, `/api/${service.name}${concrete(route.path)}`);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(allReceived()).toEqual([]);
    });

    it('refuses the gateway itself, unknown services and paths, wrong methods and operational endpoints', async () => {
      for (const route of GATEWAY_SERVICE.routes) await expectNotFound(route.method, `/api/gateway${route.path}`);
      await expectNotFound('GET', '/api/no-such-service/products');
      await expectNotFound('GET', '/api/product-search');
      await expectNotFound('GET', '/api/product-search/');
      await expectNotFound('GET', '/api/product-search/nothing-here');
      await expectNotFound('DELETE', `/api/product-search/products/${PRODUCT_ID}`);
      await expectNotFound('GET', `/api/product-search/products/${PRODUCT_ID}/image/extra`);
      for (const service of SERVICES) {
        for (const path of [
          '/health/live',
          '/health/ready',
          '/metrics',
          '/docs',
          '/docs-json',
          '/internal/docs-json',
        ]) {
          await expectNotFound('GET', `/api/${service.name}${path}`);
        }
      }
      expect(allReceived()).toEqual([]);
    });

    it('refuses parameters that would steer the upstream path', async () => {
      // (Dot segments are normalised by any HTTP client before they get here; edge-routes.spec.ts covers raw ones.)
      for (const id of ['a%2Fb', 'a%5Cb', 'a%2F..%2F..%2Fmetrics']) {
        await expectNotFound('GET', `/api/product-search/products/${id}`);
        await expectNotFound('GET', `/api/product-search/products/${id}/image`);
      }
      // Malformed percent-encoding never gets past Fastify's URL parsing.
      expect((await app.inject({ method: 'GET', url: '/api/product-search/products/%E0%A4%A' })).statusCode).toBe(400);
      expect(allReceived()).toEqual([]);
    });
  });

  describe('when an upstream fails', () => {
    it('answers 503 in the platform shape when the service is down', async () => {
      const saved = env['PRODUCT_SEARCH_URL'];
      env['PRODUCT_SEARCH_URL'] = await closedPortUrl();
      try {
        const res = await app.inject({ method: 'GET', url: '/api/product-search/products' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({
          statusCode: 503,
          code: 'UPSTREAM_UNAVAILABLE',
          error: 'Service Unavailable',
          message: expect.stringContaining('product-search is unavailable'),
        });
      } finally {
        env['PRODUCT_SEARCH_URL'] = saved;
      }
    });

    it('answers 504 when the service does not answer in time', async () => {
      productSearch().on('GET', /^\/products$/, () => undefined);
      try {
        const started = Date.now();
        const res = await app.inject({ method: 'GET', url: '/api/product-search/products' });
        expect(res.statusCode).toBe(504);
        expect(res.json()).toEqual({
          statusCode: 504,
          code: 'UPSTREAM_TIMEOUT',
          error: 'Gateway Timeout',
          message: expect.stringContaining('product-search'),
        });
        expect(Date.now() - started).toBeLessThan(UPSTREAM_TIMEOUT_MS + 2_000);
      } finally {
        productSearch().on('GET', /^\/products$/, (_req, res) =>
          sendJson(res, 200, { items: [PRODUCT], total: 1, page: 1, pageSize: 20 }),
        );
      }
    });
  });

  describe('checkout and my orders (BFF)', () => {
    const cart = { items: [{ productId: PRODUCT_ID, quantity: 2 }] };
    const checkout = (headers: Record<string, string>, payload: object = cart) =>
      app.inject({ method: 'POST', url: '/api/checkout', headers, payload });

    it('refuses a checkout without a token, or with a rejected one, with 401', async () => {
      const anonymous = await checkout({ 'idempotency-key': 'attempt-0001' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toEqual({
        statusCode: 401,
        code: 'UNAUTHORIZED',
        error: 'Unauthorized',
        message: expect.stringContaining('log in'),
      });
      const rejected = await checkout({ authorization: 'Bearer forged', 'idempotency-key': 'attempt-0001' });
      expect(rejected.statusCode).toBe(401);
      // user-management's code passes on, so the storefront can tell an expired session from a bad token.
      expect(rejected.json()).toMatchObject({
        code: USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_EXPIRED,
        message: expect.stringContaining('log in again'),
      });
      const anonymousEmpty = await checkout({}, { items: [] });
      expect(anonymousEmpty.statusCode).toBe(401);
      expect(orderProcessing().received).toEqual([]);
    });

    it('refuses an empty cart with 400 and a clear message', async () => {
      const res = await checkout(
        { authorization: `Bearer ${GOOD_TOKEN}`, 'idempotency-key': 'attempt-0002' },
        { items: [] },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        error: 'Bad Request',
        message: EMPTY_CART_MESSAGE,
      });
      expect(orderProcessing().received).toEqual([]);
    });

    it('requires an Idempotency-Key', async () => {
      const missing = await checkout({ authorization: `Bearer ${GOOD_TOKEN}` });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().message).toContain('Idempotency-Key');
      const bad = await checkout({ authorization: `Bearer ${GOOD_TOKEN}`, 'idempotency-key': 'short' });
      expect(bad.statusCode).toBe(400);
      expect(orderProcessing().received).toEqual([]);
    });

    it('places the order for the verified user with the Idempotency-Key, over service tokens', async () => {
      const key = randomUUID();
      const res = await checkout(
        { authorization: `Bearer ${GOOD_TOKEN}`, 'idempotency-key': key, 'x-request-id': 'checkout-1' },
        {
          ...cart,
        },
      );
      expect(res.statusCode).toBe(201);
      const placed = res.json() as OrderDto;
      expect(placed).toMatchObject({
        userId: USER.id,
        status: 'placed',
        totalCents: 2 * PRODUCT.priceCents,
        currency: 'EUR',
      });

      const [verify] = userManagement().received;
      expect(verify).toMatchObject({ method: 'POST', url: '/tokens/verify' });
      expect(jsonBody(verify)).toEqual({ token: GOOD_TOKEN });
      expect(
        jwt.verify(String(verify.headers['x-service-token']), { audience: USER_MANAGEMENT_SERVICE.name }),
      ).toMatchObject({ iss: 'gateway' });

      const [placeCall] = orderProcessing().received;
      expect(placeCall).toMatchObject({ method: 'POST', url: '/orders' });
      expect(jsonBody(placeCall)).toEqual({ userId: USER.id, items: cart.items });
      expect(placeCall.headers['idempotency-key']).toBe(key);
      expect(placeCall.headers['x-request-id']).toBe('checkout-1');
      expect(
        jwt.verify(String(placeCall.headers['x-service-token']), { audience: ORDER_PROCESSING_SERVICE.name }),
      ).toMatchObject({ iss: 'gateway' });
    });

    it('never lets the body choose the user', async () => {
      const res = await checkout(
        { authorization: `Bearer ${GOOD_TOKEN}`, 'idempotency-key': randomUUID() },
        { ...cart, userId: randomUUID() },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe('property userId should not exist');
    });

    it('passes order-processing refusals through and maps its absence to 503', async () => {
      orderProcessing().on('POST', /^\/orders$/, (_req, res) =>
        sendJson(res, 422, {
          statusCode: 422,
          code: 'UNKNOWN_PRODUCT',
          error: 'Unprocessable Entity',
          message: `unknown product ${PRODUCT_ID}`,
        }),
      );
      const unknown = await checkout({ authorization: `Bearer ${GOOD_TOKEN}`, 'idempotency-key': randomUUID() });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({
        code: 'UNKNOWN_PRODUCT',
        message: expect.stringContaining('unknown product'),
      });

      const saved = env['ORDER_PROCESSING_URL'];
      env['ORDER_PROCESSING_URL'] = await closedPortUrl();
      try {
        const down = await checkout({ authorization: `Bearer ${GOOD_TOKEN}`, 'idempotency-key': randomUUID() });
        expect(down.statusCode).toBe(503);
        expect(down.json()).toMatchObject({
          statusCode: 503,
          code: 'UPSTREAM_UNAVAILABLE',
          message: expect.stringContaining('order-processing'),
        });
      } finally {
        env['ORDER_PROCESSING_URL'] = saved;
        orderProcessing().on('POST', /^\/orders$/, (req, res) => {
          const input = jsonBody<{ userId: string; items: { productId: string; quantity: number }[] }>(req);
          sendJson(res, 201, order(input.userId, input.items));
        });
      }
    });

    it("lists the verified user's orders", async () => {
      expect((await app.inject({ method: 'GET', url: '/api/orders' })).statusCode).toBe(401);
      const res = await app.inject({
        method: 'GET',
        url: '/api/orders',
        headers: { authorization: `Bearer ${GOOD_TOKEN}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0]).toMatchObject({ userId: USER.id });
      const list = orderProcessing().received.find((r) => r.method === 'GET');
      expect(new URL(list?.url ?? '', 'http://x').searchParams.get('userId')).toBe(USER.id);
    });
  });

  describe('aggregated public OpenAPI', () => {
    const docs = async () => {
      const res = await app.inject({ method: 'GET', url: '/docs-json' });
      expect(res.statusCode).toBe(200);
      return res.json() as OpenAPIObject;
    };

    it('holds the public routes of every fronted service at their edge paths, plus the BFF, and nothing internal', async () => {
      const document = await docs();
      const operations = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((k) => k !== 'parameters')
          .map((verb) => `${verb.toUpperCase()} ${path}`),
      );
      const expected = [
        ...GATEWAY_SERVICE.routes.map((r) => `${r.method} ${r.path}`),
        ...[PRODUCT_SEARCH_SERVICE, USER_MANAGEMENT_SERVICE].flatMap((s) =>
          s.routes
            .filter((r) => r.access === 'public')
            .map((r) => `${r.method} /api/${s.name}${r.path.replace(/:(\w+)/g, '{$1}')}`),
        ),
      ];
      expect(new Set(operations)).toEqual(new Set(expected));
      expect(operations).toContain('GET /api/product-search/products/{id}');
      expect(operations.some((op) => op.includes('/tokens/verify'))).toBe(false);
      expect(document.info.description).not.toContain('Left out');
    });

    it('keeps same-named schemas of different services apart and every $ref resolvable', async () => {
      const document = await docs();
      const schemas = document.components?.schemas ?? {};
      expect(Object.keys(schemas)).toEqual(
        expect.arrayContaining(['product-search.UserDto', 'user-management.UserDto', 'gateway.OrderDto']),
      );
      expect(Object.keys(schemas).filter((name) => name.endsWith('InternalOnlyDto'))).toEqual([]);
      const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
        expect(schemas[name]).toBeDefined();
      }
    });

    it('leaves out a service that is down and names it', async () => {
      const saved = env['USER_MANAGEMENT_URL'];
      env['USER_MANAGEMENT_URL'] = await closedPortUrl();
      try {
        const document = await docs();
        expect(Object.keys(document.paths).some((p) => p.startsWith('/api/user-management/'))).toBe(false);
        expect(Object.keys(document.paths).some((p) => p.startsWith('/api/product-search/'))).toBe(true);
        expect(document.info.description).toContain('user-management');
      } finally {
        env['USER_MANAGEMENT_URL'] = saved;
      }
    });

    it('serves Swagger UI for it from external scripts only', async () => {
      const page = await app.inject({ method: 'GET', url: '/docs' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
      for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/init.js']) {
        expect((await app.inject({ method: 'GET', url: asset })).statusCode).toBe(200);
      }
      expect((await app.inject({ method: 'GET', url: '/docs/index.html' })).statusCode).toBe(404);
    });
  });

  describe('storefront', () => {
    it('serves the page and its script at /, under the platform CSP', async () => {
      const page = await app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.body).toContain('<script src="/app.js"');
      expect(page.body).not.toMatch(/<script>/);
      const script = await app.inject({ method: 'GET', url: '/app.js' });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('javascript');
      expect((await app.inject({ method: 'GET', url: '/styles.css' })).statusCode).toBe(200);
    });

    it('keeps unknown paths a 404 in the platform shape', async () => {
      const res = await app.inject({ method: 'GET', url: '/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        error: 'Not Found',
        message: 'Cannot GET /nope',
      });
    });
  });

  it('is ready without asking the services it fronts (on its management port)', async () => {
    const port = await app.get(ManagementPort).listen();
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    expect(allReceived()).toEqual([]);
  });
});
