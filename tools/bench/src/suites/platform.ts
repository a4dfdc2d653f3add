/**
 * The platform's cost per request: a generated-style service with the whole platform against a bare NestJS-Fastify
 * app serving the same handler (same JSON), side by side in interleaved rounds; plus both processes' resident memory
 * idle after start and right after the load.
 */
import { PRODUCT_SEARCH_ROUTES } from '@ms/contracts-product-search';
import { interleavedRounds, benchOptions } from '../lib/load';
import { rssMegabytes, settledRssMegabytes } from '../lib/memory';
import { startProcess, stopAll, type BenchProcess } from '../lib/process';
import type { BenchRow, BenchSuite } from '../lib/suite';

export const PLATFORM_RATIO_GOAL = 0.8;
export const PLATFORM_RATIO_FLOOR = 0.6;
const INFO = PRODUCT_SEARCH_ROUTES.info.path;

export const suite: BenchSuite = {
  name: 'platform',
  async run({ workspaceRoot, quick, log }) {
    const started: BenchProcess[] = [];
    try {
      const env = {
        PORT: '0',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        SERVICE_TOKEN_SECRET: 'bench-secret-0123456789abcdef0123456789',
      };
      const platform = await startProcess({
        workspaceRoot,
        script: 'tools/bench/src/fixtures/platform-service.main.ts',
        env,
        readyPath: '/health/live',
      });
      started.push(platform);
      const bare = await startProcess({
        workspaceRoot,
        script: 'tools/bench/src/fixtures/bare-nest.main.ts',
        env,
        readyPath: INFO,
      });
      started.push(bare);
      const idle = { platform: await settledRssMegabytes(platform.pid), bare: rssMegabytes(bare.pid) };

      const options = benchOptions(quick);
      log(`${options.rounds} interleaved rounds × ${options.durationSeconds} s, ${options.connections} connections`);
      const results = await interleavedRounds(
        [
          { name: 'platform', url: `${platform.url}${INFO}` },
          { name: 'bare', url: `${bare.url}${INFO}` },
        ],
        options,
      );
      const loaded = { platform: rssMegabytes(platform.pid), bare: rssMegabytes(bare.pid) };
      const p = results['platform'];
      const b = results['bare'];
      const ratio = p.median.requestsPerSecond / b.median.requestsPerSecond;
      const roundsNote = (r: typeof p) =>
        `${options.rounds}×${options.durationSeconds} s, ${options.connections} conns; rounds: ` +
        r.rounds.map((x) => Math.round(x.requestsPerSecond)).join(', ');
      const platformTarget = `GET ${INFO}, whole platform`;
      const bareTarget = `GET ${INFO}, bare NestJS-Fastify`;
      return [
        {
          suite: 'platform',
          target: bareTarget,
          metric: 'req/s',
          value: b.median.requestsPerSecond,
          note: roundsNote(b),
        },
        {
          suite: 'platform',
          target: platformTarget,
          metric: 'req/s',
          value: p.median.requestsPerSecond,
          ratio,
          goal: `≥ ${PLATFORM_RATIO_FLOOR}× bare (goal ${PLATFORM_RATIO_GOAL}×)`,
          pass: ratio >= PLATFORM_RATIO_FLOOR,
          note: roundsNote(p),
        },
        { suite: 'platform', target: bareTarget, metric: 'p99 ms', value: b.median.p99Ms },
        {
          suite: 'platform',
          target: platformTarget,
          metric: 'p99 ms',
          value: p.median.p99Ms,
          ratio: p.median.p99Ms / b.median.p99Ms,
        },
        // Both run through @swc-node/register (TypeScript compiled in-process, tens of MB): compare them with each
        // other; the memory suite holds built services to the memory goals.
        ...(['idle', 'after load'] as const).flatMap((when) => {
          const values = when === 'idle' ? idle : loaded;
          const note = 'both via @swc-node/register; the goals apply to built services (memory suite)';
          return [
            { suite: 'platform', target: bareTarget, metric: `RSS MB ${when}`, value: values.bare, note },
            { suite: 'platform', target: platformTarget, metric: `RSS MB ${when}`, value: values.platform, note },
          ];
        }),
      ] satisfies BenchRow[];
    } finally {
      await stopAll(started);
    }
  },
};
