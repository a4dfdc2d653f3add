/**
 * `npm start`: builds every app, starts the whole system locally and stops it cleanly on Ctrl-C.
 * Run through @swc-node/register (see package.json), so it needs no build of its own.
 */
import { resolve } from 'node:path';
import { SERVICES } from '@ms/contracts-registry';
import { buildApps } from './lib/build';
import { printProgress, printSystemReady } from './lib/progress';
import { startSystem, type RunningSystem } from './lib/system';

// This file's place in the workspace (loading @nx/devkit for its `workspaceRoot` took ~0.5 s of every start).
const workspaceRoot = resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const apps = SERVICES.map((service) => service.name);
  // The system tests build through Nx's task graph first and set MS_SKIP_BUILD.
  const build = process.env['MS_SKIP_BUILD'] === 'true' ? undefined : buildApps(workspaceRoot, apps);

  // Ctrl-C reaches the services too (same process group): each drains on its own; this stops what is left.
  const started: { system?: RunningSystem } = {};
  const shutdown = async (signal: string) => {
    if (state.stopping) return;
    state.stopping = true;
    process.stdout.write(`\n${signal}: stopping every service …\n`);
    if (!started.system) return; // still starting: startSystem sees its services exit and cleans up
    await started.system.stop();
    process.stdout.write('stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const system = await startSystem({ workspaceRoot, beforeServices: build, onProgress: printProgress });
  printSystemReady(system, 'Press Ctrl-C to stop everything.');
  started.system = system;
  if (state.stopping) {
    await system.stop();
    process.exit(0);
  }
}

const state = { stopping: false };

main().catch((error: unknown) => {
  if (state.stopping) process.exit(0); // interrupted while starting; what had started is stopped
  process.stderr.write(`\nnpm start failed: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
