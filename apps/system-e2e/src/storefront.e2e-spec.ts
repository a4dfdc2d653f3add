import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  call,
  checkout,
  eventually,
  gateway as systemUrl,
  listProducts,
  newShopper,
  nextClientAddress,
  ordersOf,
  waitForStock,
  type OrderView,
  type ProductView as Product,
  type Shopper,
} from './support/system-client';
import { findTestBrowser } from './support/browser';

/**
 * The storefront in a real browser against the whole system (SYSTEM_URL, set by the harness): search, product page
 * with its image, register, log in, cart, checkout, my orders, and the stock (availability, limits, the server's word
 * at checkout, an order cancelled for lack of stock). Elements are found by their data-testid.
 *
 * Products are picked by their current stock from the API, never by a seed value, and a product one test orders or
 * relies on is never picked by another (`claimed`). Each shopper is its own client address (X-Forwarded-For, which the
 * system trusts from 127.0.0.1), as real shoppers are: the per-client login limit then never spans tests.
 */
const SCREENSHOT_DIR = resolve(__dirname, '../../../tmp');

const byTestId = (root: Page | Locator, id: string) => root.locator(`[data-testid="${id}"]`);

describe('the storefront in a browser', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Products a test orders or relies on; the newest ones are the system tests' (they order them). */
  const claimed = new Set<string>();

  /** A fresh browser session (its own storage and client address) and the problems its page reports. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { 'x-forwarded-for': nextClientAddress() },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    // Script errors and Content-Security-Policy violations show up here; a working storefront has none. Refusals
    // (401 before logging in, 404 for a missing product, 409 for a checkout the stock cannot cover) are answers.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[149]/.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    return { page, problems };
  }

  /** The first product (stock as of now) that `accept` takes and no test has claimed; claims it. */
  async function claimProduct(
    what: string,
    accept: (product: Product) => boolean | Promise<boolean>,
  ): Promise<Product> {
    for (const product of await allProducts()) {
      if (!claimed.has(product.id) && (await accept(product))) {
        claimed.add(product.id);
        return product;
      }
    }
    throw new Error(`no unclaimed product that is ${what}`);
  }

  beforeAll(async () => {
    // E2E_BROWSER, else a system Chromium or Chrome, else (linux-x64) the Chromium of the npm package: see browser.ts.
    const found = await findTestBrowser();
    console.info(`storefront tests in ${found.version} (${found.source}: ${found.executablePath})`);
    browser = await chromium.launch({
      executablePath: found.executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    for (const product of await listProducts({ sort: 'newest', pageSize: '20' })) claimed.add(product.id);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('searches, shows a product with its image, registers, logs in, checks out and lists the order', async () => {
    const { page, problems } = await openPage();
    const inStock = byTestId(page, 'product-card').filter({
      has: byTestId(page, 'product-card-stock').filter({ hasText: /^In stock$/ }),
    });

    // Home: the newest products, each with its availability.
    await page.goto(`${systemUrl()}/`);
    await byTestId(page, 'product-card').first().waitFor();
    expect(await byTestId(page, 'product-card-stock').count()).toBe(await byTestId(page, 'product-card').count());
    const firstName = (await byTestId(inStock.first(), 'product-card-name').textContent()) ?? '';
    const word = firstName.split(/\s+/).find((w) => w.length >= 5) ?? firstName.split(/\s+/)[0];

    // Search by a word of that product's name, cheapest first.
    await byTestId(page, 'search-input').fill(word);
    await byTestId(page, 'sort-select').selectOption('price_asc');
    const searched = page.waitForResponse((res) => /\/api\/product-search\/products\?.*sort=price_asc/.test(res.url()));
    await byTestId(page, 'search-button').click();
    expect((await searched).status()).toBe(200);
    await byTestId(page, 'results-summary')
      .filter({ hasText: /\d+ products?/ })
      .waitFor();
    expect(await byTestId(page, 'product-card').count()).toBeGreaterThan(0);

    // The product page of one in stock, with its image actually loaded from product-search through the edge.
    await byTestId(inStock.first(), 'product-link').click();
    await byTestId(page, 'product-detail').waitFor();
    const productName = (await byTestId(page, 'product-name').textContent()) ?? '';
    expect(productName.length).toBeGreaterThan(0);
    const productId = decodeURIComponent(/#\/product\/([^/?]+)/.exec(page.url())?.[1] ?? '');
    claimed.add(productId);
    const stockBefore = await stockShown(page);
    expect(stockBefore).toBeGreaterThan(5);
    expect(await byTestId(page, 'product-stock').textContent()).toBe(`In stock: ${stockBefore} available`);
    await eventually(
      () =>
        byTestId(page, 'product-image').evaluate((img) => {
          const image = img as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth > 0;
        }),
      20_000,
      'the product image to load',
    );
    const imageSrc = new URL((await byTestId(page, 'product-image').getAttribute('src')) ?? '', systemUrl()).href;
    expect(imageSrc).toMatch(/\/api\/product-search\/products\/[^/]+\/image$/);
    const image = await fetch(imageSrc);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);

    // An empty cart cannot be checked out, and says so.
    await page.goto(`${systemUrl()}/#/cart`);
    await byTestId(page, 'cart-empty').waitFor();
    await byTestId(page, 'checkout-button').click();
    await expectMessage(page, /cart is empty/i, 'error');
    await page.goBack();
    await byTestId(page, 'product-detail').waitFor();

    // Add two to the cart.
    await byTestId(page, 'quantity-input').fill('2');
    await byTestId(page, 'add-to-cart').click();
    await expectMessage(page, /added 2/i, 'success');
    expect(await byTestId(page, 'cart-count').textContent()).toBe('2');

    // Register a new account.
    const email = `storefront-${randomUUID()}@example.test`;
    const password = 'correct horse battery staple 9';
    await byTestId(page, 'nav-register').click();
    await byTestId(page, 'register-name').fill('Browser Shopper');
    await byTestId(page, 'register-email').fill(email);
    await byTestId(page, 'register-password').fill(password);
    await byTestId(page, 'register-submit').click();
    await expectMessage(page, /account is ready/i, 'success');
    await byTestId(page, 'login-form').waitFor();

    // A wrong password is refused clearly; the right one logs in.
    expect(await byTestId(page, 'login-email').inputValue()).toBe(email);
    await byTestId(page, 'login-password').fill('not the password 123');
    await byTestId(page, 'login-submit').click();
    await expectMessage(page, /wrong email or password/i, 'error');
    await byTestId(page, 'login-password').fill(password);
    await byTestId(page, 'login-submit').click();
    await expectMessage(page, /welcome back/i, 'success');
    expect(await byTestId(page, 'user-name').textContent()).toContain('Browser Shopper');

    // The cart survived; check out.
    await byTestId(page, 'nav-cart').click();
    await byTestId(page, 'cart-line').first().waitFor();
    expect(await byTestId(page, 'cart-line').count()).toBe(1);
    expect(await byTestId(page, 'cart-quantity').first().inputValue()).toBe('2');
    const checkoutRequest = page.waitForRequest(
      (req) => req.url().endsWith('/api/checkout') && req.method() === 'POST',
    );
    await byTestId(page, 'checkout-button').click();
    const sent = await checkoutRequest;
    expect(sent.headers()['idempotency-key']).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    await expectMessage(page, /order .* is placed/i, 'success');

    // My orders: the new order, with the product.
    await page.waitForURL(/#\/orders$/);
    await byTestId(page, 'order-row').first().waitFor();
    expect(await byTestId(page, 'order-row').count()).toBe(1);
    const row = (await byTestId(page, 'order-row').first().textContent()) ?? '';
    expect(row).toContain(productName);
    expect(row.toLowerCase()).toContain('placed');
    expect(await byTestId(page, 'order-status-reason').count()).toBe(0);
    expect(await byTestId(page, 'cart-count').textContent()).toBe('0');

    // user-management counts the order from order-processing's event, a moment later: Refresh shows it.
    await eventually(
      async () => {
        await byTestId(page, 'orders-refresh').click();
        return /^Orders placed: 1\b/.test((await byTestId(page, 'order-count').textContent()) ?? '');
      },
      20_000,
      'the order count to show 1',
    );
    await screenshot(page, 'storefront-e2e.png');

    // product-search takes the two units off its stock a moment later: the product page shows it once it has.
    await page.goto(`${systemUrl()}/#/product/${encodeURIComponent(productId)}`);
    await eventually(
      async () => {
        await page.reload();
        await byTestId(page, 'product-name')
          .filter({ hasText: exactly(productName) })
          .waitFor();
        return (await stockShown(page)) === stockBefore - 2;
      },
      20_000,
      'the product page to show the stock 2 lower',
    );
    expect(problems).toEqual([]);
  });

  it('shows availability on the cards and the product page; a sold-out product cannot be added', async () => {
    const { page, problems } = await openPage();
    // Products the storefront's own search for their name lists on its first page (12 a page).
    const findable = async (product: Product) =>
      (await listProducts({ q: product.name, pageSize: '12' })).some((found) => found.id === product.id);
    const soldOut = await claimProduct('sold out', (p) => p.stock === 0 && findable(p));
    const fewLeft = await claimProduct('nearly sold out', (p) => p.stock >= 1 && p.stock <= 5 && findable(p));
    const plenty = await claimProduct('in stock', (p) => p.stock > 5 && findable(p));

    for (const [product, label] of [
      [soldOut, 'Sold out'],
      [fewLeft, `Only ${fewLeft.stock} left`],
      [plenty, 'In stock'],
    ] as const) {
      await page.goto(`${systemUrl()}/#/?q=${encodeURIComponent(product.name)}`);
      const card = byTestId(page, 'product-card').filter({
        has: byTestId(page, 'product-card-name').filter({ hasText: exactly(product.name) }),
      });
      await card.waitFor();
      expect(await byTestId(card, 'product-card-stock').textContent()).toBe(label);
    }

    // Nearly sold out: the quantity goes up to the stock. In stock: up to the stock, at most 100.
    await openProduct(page, fewLeft);
    expect(await byTestId(page, 'product-stock').textContent()).toBe(`Only ${fewLeft.stock} left`);
    expect(await byTestId(page, 'quantity-input').getAttribute('max')).toBe(String(fewLeft.stock));
    await openProduct(page, plenty);
    expect(await byTestId(page, 'product-stock').textContent()).toBe(`In stock: ${plenty.stock} available`);
    expect(await byTestId(page, 'quantity-input').getAttribute('max')).toBe(String(Math.min(100, plenty.stock)));

    // Sold out: said so, and nothing to add.
    await openProduct(page, soldOut);
    expect(await byTestId(page, 'product-stock').textContent()).toBe('Sold out');
    expect(await stockShown(page)).toBe(0);
    expect(await byTestId(page, 'add-to-cart').isDisabled()).toBe(true);
    expect(await byTestId(page, 'add-to-cart').textContent()).toBe('Sold out');
    expect(await byTestId(page, 'quantity-input').isDisabled()).toBe(true);
    await screenshot(page, 'storefront-sold-out.png');
    expect(await byTestId(page, 'cart-count').textContent()).toBe('0');
    expect(problems).toEqual([]);
  });

  it("refuses more than the stock, counting the cart, and shows the server's word when the stock ran short meanwhile", async () => {
    const product = await claimProduct('nearly sold out (2-5 left)', (p) => p.stock >= 2 && p.stock <= 5);
    const left = product.stock;
    const shopper = await newShopper('Stock Watcher');
    const { page, problems } = await openPage();
    await logIn(page, shopper);
    await openProduct(page, product);
    expect(await byTestId(page, 'product-stock').textContent()).toBe(`Only ${left} left`);

    // More than the stock is refused, naming how many are left; the cart counts what it already holds.
    await byTestId(page, 'quantity-input').fill(String(left + 1));
    await byTestId(page, 'add-to-cart').click();
    await expectMessage(
      page,
      new RegExp(`only ${left} of ${escapeRegExp(product.name)} are left: choose ${left} or fewer`, 'i'),
      'error',
    );
    expect(await byTestId(page, 'cart-count').textContent()).toBe('0');
    await byTestId(page, 'quantity-input').fill(String(left));
    await byTestId(page, 'add-to-cart').click();
    await expectMessage(page, new RegExp(`added ${left}`, 'i'), 'success');
    await byTestId(page, 'quantity-input').fill('1');
    await byTestId(page, 'add-to-cart').click();
    await expectMessage(
      page,
      new RegExp(`only ${left} of .* left and your cart already has ${left}: you cannot add more`, 'i'),
      'error',
    );
    expect(await byTestId(page, 'cart-count').textContent()).toBe(String(left));

    // Meanwhile someone else buys one, and product-search takes it off the stock.
    const other = await newShopper('Quicker Shopper');
    const theirs = await checkout(other, [{ productId: product.id, quantity: 1 }]);
    expect(theirs.status).toBe(201);
    await waitForStock(product.id, left - 1);

    // The cart shows the stock as it is now; checking out shows the server's word, and the cart stays.
    await byTestId(page, 'nav-cart').click();
    await byTestId(page, 'cart-line-stock')
      .filter({ hasText: `Only ${left - 1} left` })
      .waitFor();
    await byTestId(page, 'checkout-button').click();
    await expectMessage(
      page,
      new RegExp(`not enough stock: ${escapeRegExp(product.name)} has ${left - 1} left \\(${left} ordered\\)`),
      'error',
    );
    expect(await byTestId(page, 'cart-quantity').inputValue()).toBe(String(left));
    await screenshot(page, 'storefront-not-enough-stock.png');

    // With what is left, the order goes through.
    await byTestId(page, 'cart-quantity').fill(String(left - 1));
    await byTestId(page, 'cart-quantity').blur();
    await byTestId(page, 'cart-count')
      .filter({ hasText: new RegExp(`^${left - 1}$`) })
      .waitFor();
    await byTestId(page, 'checkout-button').click();
    await expectMessage(page, /order .* is placed/i, 'success');
    await waitForStock(product.id, 0);
    expect(problems).toEqual([]);
  });

  it('shows an order that lost the race for the last units as cancelled, with the reason', async () => {
    const shoppers = [await newShopper('Racer One'), await newShopper('Racer Two')];
    // Two orders for all the units at once: both pass the stock check, product-search reserves for one and the other
    // is cancelled a moment later. Should one be refused up front instead (no race), try again with another product.
    let lost: { shopper: Shopper; order: OrderView; product: Product } | undefined;
    for (let attempt = 1; attempt <= 3 && !lost; attempt++) {
      const product = await claimProduct('nearly sold out (1-3 left)', (p) => p.stock >= 1 && p.stock <= 3);
      const items = [{ productId: product.id, quantity: product.stock }];
      const placed = await Promise.all(shoppers.map((shopper) => checkout(shopper, items)));
      if (!placed.every((reply) => reply.status === 201)) continue;
      lost = await eventually(async () => {
        const orders = await Promise.all(
          shoppers.map(async (shopper, i) => (await ordersOf(shopper)).find((o) => o.id === placed[i].body.id)),
        );
        const cancelled = orders.findIndex((order) => order?.status === 'cancelled');
        return cancelled >= 0
          ? { shopper: shoppers[cancelled], order: orders[cancelled] as OrderView, product }
          : undefined;
      });
    }
    if (!lost) throw new Error('no two orders raced for the last units in 3 attempts');
    expect(lost.order.statusReason).toMatch(new RegExp(`^out of stock: ${escapeRegExp(lost.product.name)} \\(`));

    const { page, problems } = await openPage();
    await logIn(page, lost.shopper);
    await page.goto(`${systemUrl()}/#/orders`);
    const row = page.locator(`[data-testid="order-row"][data-order-id="${lost.order.id}"]`);
    await row.waitFor();
    expect(await byTestId(row, 'order-status').textContent()).toBe('cancelled');
    expect(await byTestId(row, 'order-status-reason').textContent()).toBe(lost.order.statusReason);

    // The count leaves cancelled orders out (it follows the events, so it may need a refresh).
    const counted = (await ordersOf(lost.shopper)).filter((order) => order.status !== 'cancelled').length;
    await eventually(
      async () => {
        await byTestId(page, 'orders-refresh').click();
        return new RegExp(`^Orders placed: ${counted}\\b`).test(
          (await byTestId(page, 'order-count').textContent()) ?? '',
        );
      },
      20_000,
      'the order count to leave the cancelled order out',
    );
    await screenshot(page, 'storefront-cancelled-order.png');
    expect(problems).toEqual([]);
  });
});

// ---------- the system's API, for picking products ----------

/** The whole catalogue, cheapest first, with the stock as of now. */
async function allProducts(): Promise<Product[]> {
  const products: Product[] = [];
  for (let page = 1; page <= 20; page++) {
    const reply = await call(`/api/product-search/products?sort=price_asc&pageSize=100&page=${page}`);
    products.push(...reply.body.items);
    if (products.length >= reply.body.total || reply.body.items.length === 0) break;
  }
  return products;
}

// ---------- the page ----------

async function logIn(page: Page, shopper: Shopper): Promise<void> {
  await page.goto(`${systemUrl()}/#/login`);
  await byTestId(page, 'login-email').fill(shopper.email);
  await byTestId(page, 'login-password').fill(shopper.password);
  await byTestId(page, 'login-submit').click();
  await expectMessage(page, /welcome back/i, 'success');
}

/** Opens a product's page and waits until it shows that product (the view is reused from one product to the next). */
async function openProduct(page: Page, product: Product): Promise<void> {
  await page.goto(`${systemUrl()}/#/product/${encodeURIComponent(product.id)}`);
  await byTestId(page, 'product-name')
    .filter({ hasText: exactly(product.name) })
    .waitFor();
}

/** The stock the product page shows (its number, also when the label says "In stock" or "Sold out"). */
async function stockShown(page: Page): Promise<number> {
  return Number(await page.locator('[data-testid="product-stock"][data-stock]').getAttribute('data-stock'));
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: true });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

async function expectMessage(page: Page, text: RegExp, kind: 'success' | 'error' | 'info'): Promise<void> {
  const message = byTestId(page, 'message');
  // Locators, not string predicates: the storefront's CSP (rightly) forbids evaluating strings in the page.
  await message.filter({ hasText: text }).waitFor();
  expect(await message.getAttribute('class')).toContain(kind);
}
