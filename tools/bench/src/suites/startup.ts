/**
 * How long `npm start` takes until the storefront and a search through the edge answer 200: cold (a fresh clone right after `npm ci`: no dist/, no
 * Nx cache, no .data) and warm (the second start in that clone). Each round clones the workspace's committed HEAD
 * into a temporary folder and hard-links node_modules in (as `npm ci` would have left it; its .cache removed), then
 * runs the launcher there as `npm start` does. It binds the system's fixed ports, so nothing else may run the system
 * meanwhile. Runs alone: `SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register
 * tools/bench/src/suites/startup.ts [--quick]`; `npm run bench -- --only startup` runs it among the others.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { edgePath } from '@ms/contracts-gateway';
import { PRODUCT_SEARCH_ROUTES } from '@ms/contracts-product-search';
import { SERVICES } from '@ms/contracts-registry';
import { median } from '../lib/load';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/suite';

export const COLD_GOAL_S = 40;
export const WARM_GOAL_S = 8;
const START_TIMEOUT_MS = 600_000;
/** Folders outside the clone that a round's starts created, removed with the clone. */
const cleanups: string[] = [];

export const suite: BenchSuite = {
  name: 'startup',
  async run(context) {
    const rounds = context.quick ? 1 : 3;
    const cold: number[] = [];
    const warm: number[] = [];
    const loads: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      const clone = freshClone(context);
      try {
        loads.push(loadavg()[0].toFixed(1));
        cold.push(await timeToStorefront(clone, context, `round ${round}/${rounds}, cold`));
        warm.push(await timeToStorefront(clone, context, `round ${round}/${rounds}, warm`));
      } finally {
        stopNxDaemon(clone);
        for (const dir of [dirname(clone), ...cleanups.splice(0)]) rmSync(dir, { recursive: true, force: true });
      }
    }
    const row = (kind: string, values: number[], goal: number): BenchRow => {
      const value = Number(median(values).toFixed(1));
      return {
        suite: 'startup',
        target: `npm start, ${kind}, until the storefront and a search answer 200`,
        metric: 's',
        value,
        goal: `≤ ${goal} s`,
        pass: value <= goal,
        note: `rounds: ${values.map((v) => v.toFixed(1)).join(', ')} s; load average at each start: ${loads.join(', ')}`,
      };
    };
    return [row('cold (fresh clone after npm ci)', cold, COLD_GOAL_S), row('warm (second start)', warm, WARM_GOAL_S)];
  },
};

/** The committed HEAD cloned into a temporary folder, with the workspace's node_modules linked in. */
function freshClone({ workspaceRoot, log }: BenchContext): string {
  const clone = join(mkdtempSync(join(tmpdir(), 'ms-bench-startup-')), 'clone');
  log(`cloning ${workspaceRoot} (HEAD) into ${clone}`);
  execFileSync('git', ['clone', '--quiet', workspaceRoot, clone]);
  try {
    // Hard links: a copy as `npm ci` leaves it, in a second, and nothing written in the clone reaches the original.
    execFileSync('cp', ['-al', join(workspaceRoot, 'node_modules'), join(clone, 'node_modules')]);
    rmSync(join(clone, 'node_modules', '.cache'), { recursive: true, force: true });
  } catch {
    symlinkSync(join(workspaceRoot, 'node_modules'), join(clone, 'node_modules')); // another file system
  }
  return clone;
}

/**
 * Starts the launcher in `dir` like `npm start`, resolves with the seconds until the storefront (GET / at the
 * gateway) and a search through the edge both answer 200: a page a shopper can use, not just its HTML.
 */
async function timeToStorefront(dir: string, { log }: BenchContext, label: string): Promise<number> {
  const gateway = SERVICES.find((service) => service.name === 'gateway');
  const origin = `http://127.0.0.1:${gateway?.defaultPort ?? 3000}`;
  const url = `${origin}/`;
  const search = `${origin}${edgePath('product-search', PRODUCT_SEARCH_ROUTES.searchProducts.path)}?q=lamp`;
  if (await answers(url)) throw new Error(`${url} already answers: stop the running system before this benchmark`);
  log(`${label}: npm start in ${dir}`);
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/launcher/src/main.ts'], {
    cwd: dir,
    env: launcherEnv(dir),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    while (!(await answers(url)) || !(await answers(search))) {
      if (exitCode !== undefined) throw new Error(`npm start exited with ${exitCode}:\n${output}`);
      if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`no storefront within ${START_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    log(`${label}: storefront and search 200 after ${seconds.toFixed(1)} s`);
    // As root in a folder postgres cannot enter, the cluster's data lived in /var/tmp: it goes with the clone.
    const moved = /data in (\/var\/tmp\/ms-embedded-pg-[0-9a-f]+)\/data/.exec(output)?.[1];
    if (moved) cleanups.push(moved);
    return seconds;
  } finally {
    // Ctrl-C, as a person would: the launcher stops every service and the database.
    if (exitCode === undefined && child.pid) process.kill(-child.pid, 'SIGINT');
    await exited;
  }
}

/** The Nx daemon a round's starts left running in the clone (a person's next `npm start` would use it). */
function stopNxDaemon(clone: string): void {
  try {
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'daemon', '--stop'], {
      cwd: clone,
      env: launcherEnv(clone),
      stdio: 'ignore',
    });
  } catch {
    // no daemon ran (CI=true, or NX_DAEMON=false in this environment)
  }
}

/**
 * `npm start`'s environment in the clone, as a person's terminal has it: its own state folder (.data), its own build,
 * Nx's daemon as Nx decides (on at a terminal, off where CI=true; stopped after the round), and an Nx cache of the
 * round's own (Nx keeps its cache per machine, outside the checkout: a clone would otherwise restore builds this
 * workspace made, and "cold" would not be).
 */
function launcherEnv(clone: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWC_NODE_PROJECT: 'tsconfig.base.json',
    NX_CACHE_DIRECTORY: join(dirname(clone), 'nx-cache'),
  };
  delete env['MS_STATE_DIR'];
  delete env['MS_SKIP_BUILD'];
  return env;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  void suite
    .run({ workspaceRoot: join(__dirname, '../../../..'), quick, log: (line) => console.log(line) })
    .then((rows) => console.table(rows, ['target', 'metric', 'value', 'goal', 'pass', 'note']))
    .catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
