/**
 * `npm start`: builds every app, starts the whole system locally and stops it cleanly on Ctrl-C.
 * Run through @swc-node/register (see package.json), so it needs no build of its own.
 */
import { workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { SERVICES } from '@ms/contracts-registry';
import { startSystem, type RunningSystem } from './lib/system';

async function main(): Promise<void> {
  const apps = SERVICES.map((service) => service.name);
  // The system tests build through Nx's task graph first and set MS_SKIP_BUILD.
  if (process.env['MS_SKIP_BUILD'] !== 'true') {
    process.stdout.write(`Building ${apps.join(', ')} …\n`);
    execFileSync(
      process.execPath,
      [require.resolve('nx/bin/nx'), 'run-many', '-t', 'build', '-p', ...apps, '--outputStyle=static'],
      {
        cwd: workspaceRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }

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

  const system = await startSystem({
    workspaceRoot,
    onProgress: (event) => {
      if (event.kind === 'database') process.stdout.write(`✔ database: ${event.detail}\n`);
      if (event.kind === 'notice') process.stdout.write(`! ${event.detail}\n`);
      if (event.kind === 'messaging') process.stdout.write(`✔ events: ${event.detail}\n`);
      if (event.kind === 'starting')
        process.stdout.write(`… starting ${event.service.name} (${event.service.accessibility})\n`);
      if (event.kind === 'ready')
        process.stdout.write(`✔ ${event.service.name} ready at ${event.url} (${(event.ms / 1000).toFixed(1)} s)\n`);
    },
  });
  process.stdout.write(
    [
      '',
      `Storefront:   ${system.gatewayUrl}/`,
      `Public API:   ${system.gatewayUrl}/docs`,
      `Logs:         ${system.stateDir}/logs/<service>.log`,
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
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
