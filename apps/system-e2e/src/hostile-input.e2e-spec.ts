import fc from 'fast-check';
import { ERROR_CODE_PATTERN } from '@ms/contracts-common';
import { edgePath, GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { SERVICES } from '@ms/contracts-registry';
import { call, newShopper, type Shopper } from './support/system-client';

/**
 * Hostile input against the running system: every public route of every service (from the registry's route tables,
 * through the edge) and the gateway's own routes. Whatever arrives, the answer is never a 5xx, and an error is always
 * the platform's `{ statusCode, error, message }`.
 */
const RUNS = 2_000;

/** Every route a client outside can reach, as the edge serves it. */
const ROUTES = SERVICES.flatMap((service) =>
  service.routes
    .filter((route) => route.access === 'public')
    .map((route) => ({
      method: route.method,
      path: service.name === GATEWAY_SERVICE.name ? route.path : edgePath(service.name, route.path),
    })),
);

/** Text that broke something once, or is known to break parsers, databases and decoders. */
const NASTY = [
  '%00',
  '%',
  '100%',
  '%ff%fe',
  '%E0%A4%A',
  '%C0%80',
  '%2e%2e%2f',
  '\u0000',
  '1e400',
  '-1',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  '0x10',
  '[]',
  '{}',
  "' OR 1=1 --",
  '<script>',
  '\ud800',
  'a'.repeat(5_000),
];
const nastyText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
/** Percent-encoding; a lone surrogate (which encodeURIComponent refuses) becomes the bytes of one: not UTF-8. */
const encode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[^\x20-\x7e]/g, '%ED%A0%80');
  }
};
/** Sent as is (raw, possibly broken percent-encoding) or properly encoded. */
const urlPart = fc.oneof(
  fc.constantFrom(...NASTY.filter((text) => !text.includes('\u0000') && !text.includes('\ud800'))),
  nastyText.map(encode),
  fc.uuid(),
  fc.integer().map(String),
);
const QUERY_KEYS = ['q', 'category', 'minPrice', 'maxPrice', 'sort', 'page', 'pageSize', 'limit', 'userId', 'x'];
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), urlPart), urlPart), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}` : ''));

const BODY_KEYS = ['email', 'password', 'displayName', 'items', 'productId', 'quantity', 'token', 'status', 'userId'];
const value: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0, -0),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.record({ productId: fc.oneof(fc.uuid(), nastyText), quantity: fc.oneof(fc.integer(), nastyText) })),
  fc.jsonValue({ maxDepth: 3 }),
);
const deepArrays = fc.integer({ min: 30, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
/** A JSON text: an object of the routes' field names with hostile values, any JSON, too deep, or not JSON at all. */
const body = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...BODY_KEYS), nastyText), value).map((o) => JSON.stringify(o)),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((json) => JSON.stringify(json) ?? 'null') },
  { weight: 1, arbitrary: deepArrays.map((deep) => `{"email":${deep}}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{"email":', 'nul\u0000', '{"a":1}}', '', '\ufeff{}', '{"__proto__":{"x":1}}'),
  },
);

describe('hostile input through the edge (property-based)', () => {
  let shopper: Shopper;
  beforeAll(async () => {
    shopper = await newShopper('Hostile Input');
  });

  /** Never a 5xx; an error in the platform's shape. Returns a description for the failure message. */
  const expectHandled = async (method: string, url: string, init: RequestInit) => {
    const reply = await call(url, { ...init, method });
    const seen = { request: `${method} ${url.slice(0, 300)}`, status: reply.status };
    expect(seen).toEqual({ request: seen.request, status: expect.any(Number) });
    if (reply.status >= 500) throw new Error(`${seen.request} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    if (reply.status >= 400) {
      expect(reply.body).toEqual({
        statusCode: reply.status,
        code: expect.stringMatching(ERROR_CODE_PATTERN),
        error: expect.any(String),
        message: expect.any(String),
      });
    }
  };

  it.each([
    ['GET', '/api/product-search/products?q=%00'],
    ['GET', '/api/product-search/products?q=100%'],
    ['GET', '/api/product-search/products?q=%ff%fe'],
    ['GET', '/api/product-search/products?category=%00'],
    ['GET', '/api/product-search/categories?x=%'],
  ])('answers %s %s with 400 naming the problem', async (method, url) => {
    const reply = await call(url, { method });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_REQUEST_TARGET',
      error: 'Bad Request',
      message: expect.stringMatching(/URL/),
    });
  });

  it('answers a NUL character in a login and 200,000 nested arrays with 400, not 500', async () => {
    const nul = await call('/api/user-management/sessions', {
      method: 'POST',
      json: { email: '\u0000', password: 'whatever 1234' },
    });
    expect(nul).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'HOSTILE_BODY', error: 'Bad Request', message: expect.stringMatching(/NUL/) },
    });
    const deep = await call('/api/user-management/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '['.repeat(200_000) + ']'.repeat(200_000),
    });
    expect(deep).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        code: 'HOSTILE_BODY',
        error: 'Bad Request',
        message: expect.stringMatching(/deeper than/),
      },
    });
  });

  it(`never answers 5xx, and always in the error shape, over ${RUNS} generated requests to every public route`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(urlPart, { minLength: 1, maxLength: 2 }),
        query,
        body,
        fc.oneof(fc.constant('shopper'), fc.constant('none'), nastyText),
        fc.oneof(fc.uuid(), nastyText),
        async (route, params, search, json, auth, idempotencyKey) => {
          let param = 0;
          const path = route.path.replace(/:\w+/g, () => params[param++ % params.length]);
          const headers: Record<string, string> = { 'x-forwarded-for': '198.51.100.250' };
          if (auth === 'shopper') headers['authorization'] = shopper.auth.authorization;
          else if (auth !== 'none') headers['authorization'] = `Bearer ${encode(auth)}`;
          headers['idempotency-key'] = encode(idempotencyKey);
          const withBody = route.method !== 'GET' && route.method !== 'DELETE';
          if (withBody) headers['content-type'] = 'application/json';
          await expectHandled(route.method, path + search, { headers, body: withBody ? json : undefined });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
