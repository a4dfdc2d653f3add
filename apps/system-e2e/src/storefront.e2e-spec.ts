import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The storefront in a real browser against the whole system (SYSTEM_URL, set by the harness): search, product page
 * with its image, register, log in, cart, checkout, my orders. Elements are found by their data-testid.
 */
const systemUrl = () => process.env['SYSTEM_URL'] ?? 'http://127.0.0.1:3000';
const SCREENSHOT_DIR = resolve(__dirname, '../../../tmp');

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

describe('the storefront in a browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    // Script errors and Content-Security-Policy violations show up here; a working storefront has none.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('searches, shows a product with its image, registers, logs in, checks out and lists the order', async () => {
    // Home: the newest products.
    await page.goto(`${systemUrl()}/`);
    await byTestId(page, 'product-card').first().waitFor();
    const firstName = (await byTestId(page, 'product-card-name').first().textContent()) ?? '';
    const word = firstName.split(/\s+/).find((w) => w.length >= 5) ?? firstName.split(/\s+/)[0];

    // Search by a word of that product's name, cheapest first.
    await byTestId(page, 'search-input').fill(word);
    await byTestId(page, 'sort-select').selectOption('price_asc');
    const searched = page.waitForResponse((res) => /\/api\/product-search\/products\?.*sort=price_asc/.test(res.url()));
    await byTestId(page, 'search-button').click();
    expect((await searched).status()).toBe(200);
    await byTestId(page, 'results-summary').filter({ hasText: /\d+ products?/ }).waitFor();
    expect(await byTestId(page, 'product-card').count()).toBeGreaterThan(0);

    // The product page, with its image actually loaded from product-search through the edge.
    await byTestId(page, 'product-link').first().click();
    await byTestId(page, 'product-detail').waitFor();
    const productName = (await byTestId(page, 'product-name').textContent()) ?? '';
    expect(productName.length).toBeGreaterThan(0);
    await waitUntil(() =>
      byTestId(page, 'product-image').evaluate((img) => {
        const image = img as unknown as { complete: boolean; naturalWidth: number };
        return image.complete && image.naturalWidth > 0;
      }),
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
    const checkoutRequest = page.waitForRequest((req) => req.url().endsWith('/api/checkout') && req.method() === 'POST');
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
    expect(await byTestId(page, 'cart-count').textContent()).toBe('0');

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'storefront-e2e.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});

async function expectMessage(page: Page, text: RegExp, kind: 'success' | 'error' | 'info'): Promise<void> {
  const message = byTestId(page, 'message');
  // Locators, not string predicates: the storefront's CSP (rightly) forbids evaluating strings in the page.
  await message.filter({ hasText: text }).waitFor();
  expect(await message.getAttribute('class')).toContain(kind);
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
