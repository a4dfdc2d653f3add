import { randomUUID } from 'node:crypto';

/** The gateway of the system under test (set by global-setup.cjs). */
export const gateway = () => process.env['SYSTEM_URL'] ?? 'http://127.0.0.1:3000';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
}

/** fetch with a JSON body in and, when it parses, a JSON body out. */
export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

export interface Shopper {
  readonly email: string;
  /** Authorization header of the shopper's session. */
  readonly auth: { authorization: string };
}

let shoppers = 0;

/** A registered, logged-in shopper, from a client address of its own (per-client login limits never span tests). */
export async function newShopper(displayName = 'E2E Shopper'): Promise<Shopper> {
  const email = `e2e-${randomUUID()}@example.test`;
  const password = 'correct horse battery staple 9';
  const client = { 'x-forwarded-for': `203.0.113.${(++shoppers % 250) + 1}` };
  const registered = await call(`${gateway()}/api/user-management/users`, { method: 'POST', headers: client, json: { email, password, displayName } });
  if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const session = await call(`${gateway()}/api/user-management/sessions`, { method: 'POST', headers: client, json: { email, password } });
  if (session.status !== 201) throw new Error(`login failed: ${session.status} ${JSON.stringify(session.body)}`);
  return { email, auth: { authorization: `Bearer ${session.body.accessToken}` } };
}

/** POST /api/checkout of `items` with a fresh Idempotency-Key (or the given one). */
export function checkout(shopper: Shopper, items: { productId: string; quantity: number }[], key: string = randomUUID()): Promise<Reply> {
  return call(`${gateway()}/api/checkout`, { method: 'POST', headers: { ...shopper.auth, 'idempotency-key': key }, json: { items } });
}

export interface ProductView {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** The newest products (the default listing) and their current stock. */
export async function newestProducts(pageSize = 50): Promise<ProductView[]> {
  const page = await call(`${gateway()}/api/product-search/products?pageSize=${pageSize}&sort=newest`);
  if (page.status !== 200) throw new Error(`product listing failed: ${page.status}`);
  return page.body.items;
}

export async function stockOf(productId: string): Promise<number> {
  return (await call(`${gateway()}/api/product-search/products/${productId}`)).body.stock;
}

/** Polls until `probe` returns a truthy value (returned), or fails after `timeoutMs` naming `what`. */
export async function eventually<T>(probe: () => Promise<T | false | undefined | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
