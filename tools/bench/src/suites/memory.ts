/**
 * Resident memory of every service of the reference system, started as `npm start` starts it (built output, the
 * launcher, local state in .data/): idle after start, then right after load through the edge and on each service.
 * Binds the system's fixed ports (3000, 31xx): nothing else may run the system meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { SERVICES } from '@ms/contracts-registry';
import { edgePath } from '@ms/contracts-gateway';
import { startSystem, type RunningSystem } from '@ms/launcher';
import { benchOptions, interleavedRounds, type LoadTarget } from '../lib/load';
import { pidListeningOn, rssMegabytes } from '../lib/memory';
import { sleep } from '../lib/process';
import type { BenchRow, BenchSuite } from '../lib/suite';

export const IDLE_RSS_GOAL_MB = 120;
export const LOADED_RSS_GOAL_MB = 160;

/** What each service is loaded with: a public read where it has one, else its liveness probe. */
function loadTargets(system: RunningSystem): LoadTarget[] {
  const targets: LoadTarget[] = [];
  for (const running of system.services) {
    const name = running.service.name;
    if (name === 'gateway') {
      targets.push({ name, url: `${system.gatewayUrl}${edgePath('product-search', '/products?pageSize=20')}` });
    } else if (name === 'product-search') {
      targets.push({ name: `${name} /info`, url: `${running.url}/info` });
      targets.push({ name: `${name} /products`, url: `${running.url}/products?pageSize=20` });
    } else {
      targets.push({ name, url: `${running.url}/health/live` });
    }
  }
  return targets;
}

function servicePids(system: RunningSystem): Map<string, number> {
  const pids = new Map<string, number>();
  for (const running of system.services) {
    const pid = pidListeningOn(Number(new URL(running.url).port));
    if (pid) pids.set(running.service.name, pid);
  }
  return pids;
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
    log('starting the system (npm start, ports 3000/31xx)');
    const system = await startSystem({ workspaceRoot, env: { NODE_ENV: 'production', LOG_LEVEL: 'info' } });
    try {
      const pids = servicePids(system);
      await sleep(quick ? 2_000 : 5_000);
      const idle = new Map([...pids].map(([name, pid]) => [name, rssMegabytes(pid)]));
      const options = benchOptions(quick, { rounds: 1 });
      log(`load: ${options.durationSeconds} s per target, ${options.connections} connections`);
      const targets = loadTargets(system);
      const results = await interleavedRounds(targets, { ...options, allowNon2xx: true });
      const loaded = new Map([...pids].map(([name, pid]) => [name, rssMegabytes(pid)]));
      const note = `load: ${targets.map((t) => `${t.name} ${Math.round(results[t.name].median.requestsPerSecond)} req/s`).join(', ')}`;
      const rows: BenchRow[] = [];
      for (const [name] of pids) {
        const before = idle.get(name) ?? NaN;
        const after = loaded.get(name) ?? NaN;
        rows.push({
          suite: 'memory',
          target: name,
          metric: 'RSS MB idle',
          value: before,
          goal: `≤ ${IDLE_RSS_GOAL_MB} MB`,
          pass: before <= IDLE_RSS_GOAL_MB,
        });
        rows.push({
          suite: 'memory',
          target: name,
          metric: 'RSS MB after load',
          value: after,
          goal: `≤ ${LOADED_RSS_GOAL_MB} MB`,
          pass: after <= LOADED_RSS_GOAL_MB,
          note,
        });
      }
      return rows;
    } finally {
      await system.stop();
    }
  },
};
