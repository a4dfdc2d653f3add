/**
 * Search at 100,000 products: product-search (from source) with SEED_PRODUCTS=100000 on its own state folder
 * (`.data/bench/search`: embedded PostgreSQL and images, kept between runs, so the seed is paid once; or
 * DATABASE_URL's server), then one client asking product-search's `searchProducts` route for each kind of search, one request at a time:
 * uncached (every request a search not asked before) and cached (one search repeated). Reports p50/p95 per kind and
 * the seed's duration (when this run seeded; else the one recorded when it did).
 *
 * Alone: `SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/src/suites/search.ts [--quick]`
 * (or `npm run bench -- --only search`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCT_SEARCH_ROUTES } from '@ms/contracts-product-search';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { median } from '../lib/load';
import { freePort, startProcess, type BenchProcess } from '../lib/process';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/suite';
import { formatTable } from '../lib/table';

const { listCategories, searchProducts } = PRODUCT_SEARCH_ROUTES;

export const SEARCH_PRODUCTS = 100_000;
export const UNCACHED_P95_GOAL_MS = 30;
export const CACHED_P95_GOAL_MS = 3;
/** Searches of each kind asked first and not counted. */
const WARM_UP = 5;
/** A first start seeds 100,000 products and images: far longer than a service normally needs. */
const SEED_TIMEOUT_MS = 60 * 60_000;

interface Page {
  items: { name: string; category: string; priceCents: number }[];
  total: number;
  totalCapped?: boolean;
}

interface SeedRecord {
  readonly products: number;
  readonly seconds: number;
  readonly at: string;
}

type Kind = 'word' | 'misspelt word' | 'category + price sort' | 'deep page' | 'filters';

/** Percentile by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function getJson<T>(url: string): Promise<T> {
  const response = await request(url);
  const body = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}

/** Milliseconds for one request, body included; a non-200 answer is an error, not a sample. */
async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await request(url);
  await response.body.dump();
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode}`);
  return elapsed;
}

/** A middle letter changed (or dropped, every other word): what a typing slip does. */
export function misspell(word: string, index: number): string {
  const middle = Math.floor(word.length / 2);
  if (index % 2) return word.slice(0, middle) + word.slice(middle + 1);
  return word.slice(0, middle) + (word[middle] === 'x' ? 'q' : 'x') + word.slice(middle + 1);
}

/**
 * Distinct searches of each kind, built from the catalogue itself (words of product names, its categories), so none
 * repeats within a kind: each one misses the cache.
 */
export function searches(
  samples: number,
  words: readonly string[],
  categories: readonly string[],
): Record<Kind, string[]> {
  const long = words.filter((word) => word.length >= 6);
  const at = <T>(items: readonly T[], i: number) => items[i % items.length];
  const list = (make: (i: number) => string) => Array.from({ length: samples }, (_, i) => make(i));
  const enc = encodeURIComponent;
  return {
    // A word, or two words from the catalogue; pages 1–2 and two page sizes keep every search distinct.
    word: list((i) => {
      const q = i % 3 === 2 ? `${at(words, i)} ${at(words, i * 7 + 3)}` : at(words, i);
      return `q=${enc(q)}&page=${1 + (Math.floor(i / words.length) % 2)}&pageSize=${i % 2 ? 20 : 24}`;
    }),
    'misspelt word': list(
      (i) =>
        `q=${enc(misspell(at(long, i), Math.floor(i / long.length)))}&pageSize=${20 + (Math.floor(i / long.length / 2) % 5)}`,
    ),
    'category + price sort': list(
      (i) =>
        `category=${enc(at(categories, i))}&sort=${i % 2 ? 'price_desc' : 'price_asc'}&page=${1 + Math.floor(i / (2 * categories.length))}`,
    ),
    'deep page': list(
      (i) => `sort=${at(['newest', 'price_asc', 'price_desc'], i)}&page=${1000 - i}&pageSize=${i % 2 ? 100 : 20}`,
    ),
    filters: list(
      (i) =>
        `category=${enc(at(categories, i))}&minPrice=${500 + 100 * i}&maxPrice=${5_000 + 250 * i}` +
        (i % 3 === 0 ? `&q=${enc(at(words, i))}` : ''),
    ),
  };
}

/** The catalogue's size, exactly: the category counts add up to it (a search's total stops at 1,000). */
async function catalogueSize(url: string): Promise<number> {
  const { items } = await getJson<{ items: { count: number }[] }>(`${url}${listCategories.path}`);
  return items.reduce((sum, category) => sum + category.count, 0);
}

export const suite: BenchSuite = {
  name: 'search',
  async run({ workspaceRoot, quick, log }: BenchContext): Promise<BenchRow[]> {
    const stateDir = join(workspaceRoot, '.data/bench/search');
    mkdirSync(stateDir, { recursive: true });
    // What the seed took, recorded when it ran, so a run that reuses the catalogue can still say.
    const seedFile = join(stateDir, process.env['DATABASE_URL'] ? 'seed-database-url.json' : 'seed.json');
    // A port of its own (found free now): at LOG_LEVEL=warn the service does not print the one it listens on.
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PORT: String(port),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn', // no line per request: the client measures the service, not its logging
      MS_STATE_DIR: stateDir,
      SEED_PRODUCTS: String(SEARCH_PRODUCTS),
      ...(process.env['DATABASE_URL'] ? {} : { EMBEDDED_PG_PORT: String(await freePort()) }),
    };
    const start = (args: string[] = []) =>
      startProcess({
        workspaceRoot,
        script: 'apps/product-search/src/main.ts',
        args,
        env,
        port,
        readyPath: '/health/ready',
        timeoutMs: SEED_TIMEOUT_MS,
      });

    let service: BenchProcess | undefined;
    try {
      let seed: SeedRecord | undefined = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, 'utf8')) : undefined;
      log(`starting product-search on ${process.env['DATABASE_URL'] ? 'DATABASE_URL' : stateDir}`);
      const started = performance.now();
      service = await start();
      const size = await catalogueSize(service.url);
      let seededNow = false;
      if (size === SEARCH_PRODUCTS && seed) {
        log(`reusing the ${size}-product catalogue seeded earlier (${seed.seconds.toFixed(0)} s, ${seed.at})`);
      } else if (size === SEARCH_PRODUCTS) {
        // An empty catalogue is seeded before the service reports ready: the start is the seed.
        seed = { products: size, seconds: (performance.now() - started) / 1000, at: new Date().toISOString() };
        seededNow = true;
      } else {
        // An earlier seed was interrupted (or another catalogue is there): replace it with the seed catalogue.
        log(`the catalogue has ${size} products, not ${SEARCH_PRODUCTS}: reseeding (main.ts --seed)`);
        await service.stop();
        const reseedStarted = performance.now();
        await runSeedCommand(workspaceRoot, env);
        seed = {
          products: SEARCH_PRODUCTS,
          seconds: (performance.now() - reseedStarted) / 1000,
          at: new Date().toISOString(),
        };
        seededNow = true;
        service = await start();
      }
      if (seededNow && seed) {
        writeFileSync(seedFile, JSON.stringify(seed, null, 2) + '\n');
        log(`seeded ${seed.products} products and images in ${seed.seconds.toFixed(0)} s`);
      }
      const url = service.url;

      // The catalogue's own words and categories, so every search is one a shopper could type.
      const words = new Set<string>();
      const categories = (await getJson<{ items: { name: string }[] }>(`${url}${listCategories.path}`)).items.map(
        (c) => c.name,
      );
      for (let page = 1; page <= 5; page++) {
        const { items } = await getJson<Page>(`${url}${searchProducts.path}?pageSize=100&page=${page * 97}`);
        for (const item of items)
          for (const word of item.name.toLowerCase().split(/[^a-z]+/)) if (word.length >= 4) words.add(word);
      }
      const samples = quick ? 40 : 200;
      const kinds = searches(WARM_UP + samples, [...words].sort(), categories);

      const rows: BenchRow[] = [
        {
          suite: 'search',
          target: `seed ${SEARCH_PRODUCTS.toLocaleString('en')} products + images`,
          metric: 's',
          value: seed ? Math.round(seed.seconds) : NaN,
          goal: 'completes',
          pass: true,
          note: seededNow
            ? 'seeded in this run (service start included)'
            : `reused the catalogue seeded ${seed?.at ?? 'earlier (duration not recorded)'}`,
        },
      ];
      for (const [kind, queries] of Object.entries(kinds) as [Kind, string[]][]) {
        // Warm-up (not counted): the first requests of a kind pay for JIT and the first plans.
        for (const query of queries.slice(0, WARM_UP)) await timed(`${url}${searchProducts.path}?${query}`);
        const uncached: number[] = [];
        for (const query of queries.slice(WARM_UP)) uncached.push(await timed(`${url}${searchProducts.path}?${query}`));
        const repeated = `${url}${searchProducts.path}?${queries[0]}`;
        const cached: number[] = [];
        for (let i = 0; i < samples; i++) cached.push(await timed(repeated));
        log(
          `${kind}: uncached p50 ${round(median(uncached))} ms p95 ${round(percentile(uncached, 95))} ms; ` +
            `cached p50 ${round(median(cached))} ms p95 ${round(percentile(cached, 95))} ms`,
        );
        const note = `${samples} requests, one client, e.g. ?${queries[WARM_UP]}`;
        rows.push(
          { suite: 'search', target: `${kind}, uncached`, metric: 'p50 ms', value: round(median(uncached)), note },
          {
            suite: 'search',
            target: `${kind}, uncached`,
            metric: 'p95 ms',
            value: round(percentile(uncached, 95)),
            goal: `≤ ${UNCACHED_P95_GOAL_MS} ms`,
            pass: percentile(uncached, 95) <= UNCACHED_P95_GOAL_MS,
          },
          { suite: 'search', target: `${kind}, cached`, metric: 'p50 ms', value: round(median(cached)) },
          {
            suite: 'search',
            target: `${kind}, cached`,
            metric: 'p95 ms',
            value: round(percentile(cached, 95)),
            goal: `≤ ${CACHED_P95_GOAL_MS} ms`,
            pass: percentile(cached, 95) <= CACHED_P95_GOAL_MS,
          },
        );
      }
      // The floor under every number above: the same client, the same service, a route that does no work.
      const floor: number[] = [];
      for (let i = 0; i < samples; i++) floor.push(await timed(`${url}/health/live`));
      rows.push({
        suite: 'search',
        target: 'GET /health/live (the floor: no work)',
        metric: 'p95 ms',
        value: round(percentile(floor, 95)),
        note: `p50 ${round(median(floor))} ms; a loaded machine raises every row by about this much`,
      });
      return rows;
    } finally {
      await service?.stop();
    }
  },
};

/** `main.ts --seed`: replaces the catalogue with the seed catalogue and exits. */
async function runSeedCommand(workspaceRoot: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/product-search/src/main.ts', '--seed'], {
      cwd: workspaceRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json'), ...env },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`main.ts --seed exited with ${code}`))));
  });
}

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  suite
    .run({
      workspaceRoot: join(__dirname, '../../../..'),
      quick,
      log: (line) => process.stdout.write(`[search] ${line}\n`),
    })
    .then((rows) => process.stdout.write(`${formatTable(rows)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
      process.exit(1);
    });
}
