import { randomUUID } from 'node:crypto';

/**
 * The system's HTTP API as the system tests use it: through the gateway (SYSTEM_URL, set by global-setup.cjs), as
 * shoppers, each from a client address of its own.
 */
export const gateway = () => process.env['SYSTEM_URL'] ?? 'http://127.0.0.1:3000';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
}

/** fetch with a JSON body in and, when it parses, a JSON body out. A path (`/api/…`) goes to the gateway. */
export async function call(urlOrPath: string, init: RequestInit & { json?: unknown } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const url = urlOrPath.startsWith('/') ? `${gateway()}${urlOrPath}` : urlOrPath;
  const res = await fetch(url, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

let clients = 0;

/**
 * A client address of its own (TEST-NET-2, documentation only), sent as X-Forwarded-For, which the system trusts from
 * 127.0.0.1: per-client limits such as the login throttle then never span tests, as with real shoppers.
 */
export function nextClientAddress(): string {
  clients += 1;
  return `198.51.100.${clients}`;
}

export interface Shopper {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly clientAddress: string;
  readonly accessToken: string;
  /** Authorization header of the shopper's session. */
  readonly auth: { authorization: string };
}

/** A registered shopper, logged in over the API. */
export async function newShopper(displayName = 'E2E Shopper'): Promise<Shopper> {
  const email = `e2e-${randomUUID()}@example.test`;
  const password = 'correct horse battery staple 9';
  const clientAddress = nextClientAddress();
  const headers = { 'x-forwarded-for': clientAddress };
  const registered = await call('/api/user-management/users', {
    method: 'POST',
    headers,
    json: { email, password, displayName },
  });
  if (registered.status !== 201)
    throw new Error(`registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const session = await call('/api/user-management/sessions', { method: 'POST', headers, json: { email, password } });
  if (session.status !== 201) throw new Error(`login failed: ${session.status} ${JSON.stringify(session.body)}`);
  const accessToken: string = session.body.accessToken;
  return { email, password, displayName, clientAddress, accessToken, auth: { authorization: `Bearer ${accessToken}` } };
}

/** POST /api/checkout of `items` with a fresh Idempotency-Key (or the given one). */
export function checkout(
  shopper: Shopper,
  items: { productId: string; quantity: number }[],
  key: string = randomUUID(),
): Promise<Reply> {
  return call('/api/checkout', {
    method: 'POST',
    headers: { ...shopper.auth, 'idempotency-key': key, 'x-forwarded-for': shopper.clientAddress },
    json: { items },
  });
}

export interface OrderView {
  id: string;
  status: string;
  statusReason: string | null;
}

export async function ordersOf(shopper: Shopper): Promise<OrderView[]> {
  const reply = await call('/api/orders', { headers: shopper.auth });
  if (reply.status !== 200) throw new Error(`my orders answered ${reply.status}`);
  return reply.body.items;
}

export interface ProductView {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** GET /api/product-search/products with this query: one page of products, with their current stock. */
export async function listProducts(query: Record<string, string>): Promise<ProductView[]> {
  const page = await call(`/api/product-search/products?${new URLSearchParams(query)}`);
  if (page.status !== 200) throw new Error(`product search answered ${page.status}`);
  return page.body.items;
}

/** The newest products (the default listing) and their current stock. */
export const newestProducts = (pageSize = 50) => listProducts({ sort: 'newest', pageSize: String(pageSize) });

export async function stockOf(productId: string): Promise<number> {
  return (await call(`/api/product-search/products/${productId}`)).body.stock;
}

/** Polls until `probe` returns a truthy value (returned), or fails after `timeoutMs` naming `what`. */
export async function eventually<T>(
  probe: () => Promise<T | false | undefined | null>,
  timeoutMs = 20_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until product-search shows `stock` units of the product (its events arrive a moment after an order). */
export const waitForStock = (productId: string, stock: number, timeoutMs = 20_000) =>
  eventually(async () => (await stockOf(productId)) === stock, timeoutMs, `the stock of ${productId} to be ${stock}`);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
