/**
 * Resident memory of every service of the reference system, run from its build output (as in production and
 * `npm start`): idle after start, then right after load on each service and through the edge. The services run on
 * ports the bench picks, with their own embedded PostgreSQL and state in `.data/bench/memory` (seeded on the first
 * run, reused after), so nothing else on the machine is disturbed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SERVICES } from '@ms/contracts-registry';
import { edgePath } from '@ms/contracts-gateway';
import { PRODUCT_SEARCH_ROUTES } from '@ms/contracts-product-search';
import { serviceUrlVariable } from '@ms/contracts-common';
import { benchOptions, interleavedRounds, type LoadTarget } from '../lib/load';
import { rssMegabytes } from '../lib/memory';
import { freePort, sleep, startProcess, type BenchProcess } from '../lib/process';
import type { BenchRow, BenchSuite } from '../lib/suite';

export const IDLE_RSS_GOAL_MB = 120;
export const LOADED_RSS_GOAL_MB = 160;
const GATEWAY = 'gateway';
const { info, searchProducts } = PRODUCT_SEARCH_ROUTES;

/** What each service is loaded with: a public read where it has one, else its liveness probe. */
function loadTargets(running: Map<string, BenchProcess>): LoadTarget[] {
  const targets: LoadTarget[] = [];
  for (const [name, process] of running) {
    if (name === GATEWAY) {
      targets.push({ name, url: `${process.url}${edgePath('product-search', `${searchProducts.path}?pageSize=20`)}` });
    } else if (name === 'product-search') {
      targets.push({ name: `${name} ${info.path}`, url: `${process.url}${info.path}` });
      targets.push({ name: `${name} ${searchProducts.path}`, url: `${process.url}${searchProducts.path}?pageSize=20` });
    } else {
      targets.push({ name, url: `${process.url}/health/live` });
    }
  }
  return targets;
}

export const suite: BenchSuite = {
  name: 'memory',
  async run({ workspaceRoot, quick, log }) {
    const apps = SERVICES.map((service) => service.name);
    if (process.env['MS_SKIP_BUILD'] !== 'true') {
      log(`building ${apps.join(', ')}`);
      execFileSync(
        process.execPath,
        [require.resolve('nx/bin/nx'), 'run-many', '-t', 'build', '-p', ...apps, '--outputStyle=static'],
        { cwd: workspaceRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } },
      );
    }
    const ports = new Map<string, number>();
    for (const name of apps) ports.set(name, await freePort());
    const env: NodeJS.ProcessEnv = {
      MS_STATE_DIR: join(workspaceRoot, '.data/bench/memory'),
      EMBEDDED_PG_PORT: String(await freePort()),
      MANAGEMENT_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      TRUSTED_PROXIES: '127.0.0.1,::1',
      ...Object.fromEntries([...ports].map(([name, port]) => [serviceUrlVariable(name), `http://127.0.0.1:${port}`])),
    };
    const running = new Map<string, BenchProcess>();
    try {
      // One at a time, the edge last: the first starts the embedded PostgreSQL the others join.
      for (const name of [...apps.filter((n) => n !== GATEWAY), ...apps.filter((n) => n === GATEWAY)]) {
        log(`starting ${name}`);
        const port = ports.get(name) ?? 0;
        running.set(
          name,
          await startProcess({
            workspaceRoot,
            script: `dist/apps/${name}/main.js`,
            port,
            env: { ...env, PORT: String(port) },
            readyPath: '/health/live',
            timeoutMs: 300_000,
          }),
        );
      }
      await sleep(quick ? 2_000 : 10_000);
      const idle = new Map([...running].map(([name, p]) => [name, rssMegabytes(p.pid)]));
      const options = benchOptions(quick, { rounds: 1 });
      const targets = loadTargets(running);
      log(`load: ${targets.length} targets × ${options.durationSeconds} s, ${options.connections} connections`);
      const results = await interleavedRounds(targets, { ...options, allowNon2xx: true });
      const loaded = new Map([...running].map(([name, p]) => [name, rssMegabytes(p.pid)]));
      const note = `load: ${targets.map((t) => `${t.name} ${Math.round(results[t.name].median.requestsPerSecond)} req/s`).join(', ')}`;
      return [...running.keys()].flatMap((name): BenchRow[] => {
        const before = idle.get(name) ?? NaN;
        const after = loaded.get(name) ?? NaN;
        return [
          {
            suite: 'memory',
            target: name,
            metric: 'RSS MB idle',
            value: before,
            goal: `≤ ${IDLE_RSS_GOAL_MB} MB`,
            pass: before <= IDLE_RSS_GOAL_MB,
          },
          {
            suite: 'memory',
            target: name,
            metric: 'RSS MB after load',
            value: after,
            goal: `≤ ${LOADED_RSS_GOAL_MB} MB`,
            pass: after <= LOADED_RSS_GOAL_MB,
            note,
          },
        ];
      });
    } finally {
      // The edge first, the owner of the embedded PostgreSQL last.
      for (const process of [...running.values()].reverse()) await process.stop().catch(() => undefined);
    }
  },
};
