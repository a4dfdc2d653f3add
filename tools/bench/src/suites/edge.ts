/**
 * The edge's cost per forwarded request: the gateway in front of a raw Fastify upstream against a bare
 * `@fastify/reply-from` proxy in front of the same upstream, interleaved rounds, medians and ratios.
 *
 * The upstream plays product-search (the gateway finds it at PRODUCT_SEARCH_URL) and answers its public route
 * `listCategories` with a small JSON. This file is also the two fixture processes (`edge.ts upstream`,
 * `edge.ts bare-proxy <upstream url>`), and runs alone: `node -r @swc-node/register tools/bench/src/suites/edge.ts`
 * (with SWC_NODE_PROJECT=tsconfig.base.json; `--quick` for a short check). `npm run bench -- --only edge` runs it
 * among the others.
 */
import { join } from 'node:path';
import { edgePath } from '@ms/contracts-gateway';
import { PRODUCT_SEARCH_ROUTES } from '@ms/contracts-product-search';
import { STARTUP_MEMORY_RELEASE } from '@ms/platform-core';
import { benchOptions, interleavedRounds, type RoundsResult } from '../lib/load';
import { sleep, startProcess, stopAll, type BenchProcess } from '../lib/process';
import type { BenchRow, BenchSuite } from '../lib/suite';

export const EDGE_RATIO_FLOOR = 0.8;
export const EDGE_RATIO_GOAL = 0.9;
export const EDGE_P99_CEILING = 1.5;
const CATEGORIES_PATH = PRODUCT_SEARCH_ROUTES.listCategories.path;
const EDGE_CATEGORIES_PATH = edgePath('product-search', CATEGORIES_PATH);

/**
 * How long after listening a platform service may still force full collections to give back its start-up young
 * generation (release-startup-memory.ts; skipped while busy, but a try can fall right at the start of the load), plus
 * a second. A start-up transient, not a per-request cost: the gateway is measured after it.
 */
const STARTUP_RELEASE_SETTLE_MS = STARTUP_MEMORY_RELEASE.intervalMs * STARTUP_MEMORY_RELEASE.attempts + 1_000;

const CATEGORIES = { items: ['Books', 'Garden', 'Home', 'Kitchen', 'Outdoors', 'Toys'] };
const LISTENING = 'listening on http://localhost:';

export const suite: BenchSuite = {
  name: 'edge',
  async run({ workspaceRoot, quick, log }) {
    const started: BenchProcess[] = [];
    const self = join(workspaceRoot, 'tools/bench/src/suites/edge.ts');
    try {
      const upstream = await startProcess({
        workspaceRoot,
        script: self,
        args: ['upstream'],
        readyPath: CATEGORIES_PATH,
      });
      started.push(upstream);
      const gateway = await startProcess({
        workspaceRoot,
        script: 'apps/gateway/src/main.ts',
        env: {
          PORT: '0',
          MANAGEMENT_PORT: '0',
          HOST: '127.0.0.1',
          NODE_ENV: 'production',
          LOG_LEVEL: 'info',
          SERVICE_TOKEN_SECRET: 'bench-secret-0123456789abcdef0123456789',
          PRODUCT_SEARCH_URL: upstream.url,
        },
        readyPath: EDGE_CATEGORIES_PATH,
      });
      const gatewayReadyAt = Date.now();
      started.push(gateway);
      const bare = await startProcess({
        workspaceRoot,
        script: self,
        args: ['bare-proxy', upstream.url],
        readyPath: EDGE_CATEGORIES_PATH,
      });
      started.push(bare);
      const settle = gatewayReadyAt + STARTUP_RELEASE_SETTLE_MS - Date.now();
      if (settle > 0) {
        log(`waiting ${(settle / 1000).toFixed(1)} s for the gateway's start-up memory release to end`);
        await sleep(settle);
      }

      const options = benchOptions(quick);
      log(`${options.rounds} interleaved rounds × ${options.durationSeconds} s, ${options.connections} connections`);
      const results = await interleavedRounds(
        [
          { name: 'gateway', url: `${gateway.url}${EDGE_CATEGORIES_PATH}` },
          { name: 'bare', url: `${bare.url}${EDGE_CATEGORIES_PATH}` },
        ],
        options,
      );
      return edgeRows(results['gateway'], results['bare'], options);
    } finally {
      await stopAll(started);
    }
  },
};

function edgeRows(
  gateway: RoundsResult,
  bare: RoundsResult,
  options: { rounds: number; durationSeconds: number; connections: number },
): BenchRow[] {
  const ratio = gateway.median.requestsPerSecond / bare.median.requestsPerSecond;
  const p99Ratio = gateway.median.p99Ms / bare.median.p99Ms;
  const note = (r: RoundsResult) =>
    `${options.rounds}×${options.durationSeconds} s, ${options.connections} conns; rounds: ` +
    r.rounds.map((x) => `${Math.round(x.requestsPerSecond)} req/s p99 ${x.p99Ms} ms`).join(', ');
  const gatewayTarget = `GET ${EDGE_CATEGORIES_PATH}, gateway`;
  const bareTarget = 'same, bare reply-from proxy';
  return [
    { suite: 'edge', target: bareTarget, metric: 'req/s', value: bare.median.requestsPerSecond, note: note(bare) },
    {
      suite: 'edge',
      target: gatewayTarget,
      metric: 'req/s',
      value: gateway.median.requestsPerSecond,
      ratio,
      goal: `≥ ${EDGE_RATIO_FLOOR}× bare (goal ${EDGE_RATIO_GOAL}×)`,
      pass: ratio >= EDGE_RATIO_FLOOR,
      note: note(gateway),
    },
    { suite: 'edge', target: bareTarget, metric: 'p99 ms', value: bare.median.p99Ms },
    {
      suite: 'edge',
      target: gatewayTarget,
      metric: 'p99 ms',
      value: gateway.median.p99Ms,
      ratio: p99Ratio,
      goal: `≤ ${EDGE_P99_CEILING}× bare`,
      pass: p99Ratio <= EDGE_P99_CEILING,
    },
  ];
}

/** The raw upstream: Fastify, one route, no logging. */
async function serveUpstream(): Promise<void> {
  const { default: fastify } = await import('fastify');
  const app = fastify({ logger: false });
  app.get(CATEGORIES_PATH, async () => CATEGORIES);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`upstream ${LISTENING}${(app.server.address() as { port: number }).port}\n`);
}

/** The baseline: what a bare reply-from proxy does for the same path, nothing else. */
async function serveBareProxy(upstreamUrl: string): Promise<void> {
  const { default: fastify } = await import('fastify');
  const { default: replyFrom } = await import('@fastify/reply-from');
  const app = fastify({ logger: false });
  await app.register(replyFrom, { base: upstreamUrl });
  const prefix = edgePath('product-search', '');
  app.get(`${prefix}/*`, (request, reply) => reply.from(request.url.slice(prefix.length)));
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`bare proxy ${LISTENING}${(app.server.address() as { port: number }).port}\n`);
}

if (require.main === module) {
  const [role, arg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (role === 'upstream') void serveUpstream();
  else if (role === 'bare-proxy') void serveBareProxy(arg);
  else {
    const quick = process.argv.includes('--quick');
    void suite
      .run({ workspaceRoot: join(__dirname, '../../../..'), quick, log: (line) => console.log(line) })
      .then((rows) => console.table(rows, ['target', 'metric', 'value', 'ratio', 'goal', 'pass']));
  }
}
