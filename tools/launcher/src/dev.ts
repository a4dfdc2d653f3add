/**
 * `npm run dev`: the same system as `npm start`, rebuilt and restarted as you edit. Each app's build watches the files
 * it is made of (its sources and the libraries it imports); when a build finishes after a change, only that app's
 * service is restarted, and the terminal says which file caused it. The other services keep running untouched.
 * Run through @swc-node/register (see package.json), so it needs no build of its own.
 */
import { join } from 'node:path';
import { createProjectGraphAsync, workspaceRoot, type ProjectGraph } from '@nx/devkit';
import { SERVICES } from '@ms/contracts-registry';
import { printProgress, printSystemReady, seconds } from './lib/progress';
import { startSystem, type RunningSystem } from './lib/system';
import { startWatchBuild, type BuildReport, type WatchBuild } from './lib/watch-build';

/** The browser app the gateway serves: not a service, but built (and watched) like one. */
const STOREFRONT = 'storefront';

async function main(): Promise<void> {
  // The workers' NxAppWebpackPlugin reads Nx's cached project graph; the graph also names the changed projects.
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const apps = SERVICES.map((service) => service.name);
  const started = Date.now();
  process.stdout.write(`… building ${apps.join(', ')} (and watching their sources and libraries)\n`);
  // The storefront first: the gateway's build copies its bundle.
  const storefront = startWatchBuild(
    workspaceRoot,
    STOREFRONT,
    graph.nodes[STOREFRONT]?.data.root ?? 'apps/storefront',
  );
  state.builds = [storefront];
  await storefront.firstBuild;
  const builds = apps.map((app) => startWatchBuild(workspaceRoot, app, graph.nodes[app]?.data.root ?? `apps/${app}`));
  state.builds = [storefront, ...builds];
  const firstBuilds = Promise.all(builds.map((build) => build.firstBuild)).then(() =>
    process.stdout.write(`✔ built in ${seconds(Date.now() - started)}\n`),
  );

  const system = await startSystem({
    workspaceRoot,
    // The gateway serves the storefront's watch output itself, so a rebuilt page shows on reload, with no restart.
    env: { STOREFRONT_DIR: process.env['STOREFRONT_DIR'] ?? join(workspaceRoot, 'dist', 'apps', STOREFRONT) },
    beforeServices: firstBuilds,
    onProgress: printProgress,
  });
  state.system = system;
  if (state.stopping) return stop();
  for (const build of builds) build.onRebuild(restarter(system, graph));
  printSystemReady(
    system,
    'Watching for changes; a change rebuilds and restarts only the services that use it. Ctrl-C stops everything.',
  );
}

/** Restarts a service after each successful rebuild of its app, one restart at a time per service. */
function restarter(system: RunningSystem, graph: ProjectGraph): (report: BuildReport) => void {
  const queue = new Map<string, Promise<void>>();
  return (report) => {
    const cause = describeChange(report.changed, graph);
    if (!report.ok) {
      process.stdout.write(
        `✖ ${report.app}: build failed after a change to ${cause}; the running version stays up\n${report.errors}\n`,
      );
      return;
    }
    process.stdout.write(`↻ ${report.app}: rebuilt in ${seconds(report.ms)} after a change to ${cause}; restarting\n`);
    const previous = queue.get(report.app) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (state.stopping) return;
      await system.restart(report.app).catch((error: Error) => {
        process.stdout.write(`✖ ${report.app} did not come back: ${error.message}\n`);
      });
    });
    queue.set(report.app, next);
  };
}

/** `libs/platform/core/src/x.ts (platform-core)`, or a count when many files changed at once. */
export function describeChange(files: readonly string[], graph: ProjectGraph): string {
  if (files.length === 0) return 'its build';
  const projectOf = (file: string) =>
    Object.values(graph.nodes).find((node) => file.startsWith(`${node.data.root}/`))?.name ?? 'outside any project';
  const projects = [...new Set(files.map(projectOf))].join(', ');
  return files.length === 1 ? `${files[0]} (${projects})` : `${files.length} files (${projects})`;
}

const state: { stopping: boolean; system?: RunningSystem; builds: WatchBuild[] } = { stopping: false, builds: [] };

async function stop(): Promise<void> {
  for (const build of state.builds) build.stop();
  await state.system?.stop();
  process.stdout.write('stopped.\n');
  process.exit(0);
}

const shutdown = (signal: string) => {
  if (state.stopping) return;
  state.stopping = true;
  process.stdout.write(`\n${signal}: stopping every service …\n`);
  if (state.system) void stop();
  else for (const build of state.builds) build.stop(); // still starting: startSystem sees its services exit
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

main().catch((error: unknown) => {
  for (const build of state.builds) build.stop();
  if (state.stopping) process.exit(0);
  process.stderr.write(`\nnpm run dev failed: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
