/**
 * One app's webpack build in watch mode, in a process of its own (started by `npm run dev`): the app's own
 * webpack.config.js in the development configuration, the same build as `nx run <app>:build:development`, kept in
 * memory, so a change recompiles only the modules it touches. webpack knows which files each app is made of, so only
 * the apps that use a changed file rebuild. Each finished build is reported to the parent over IPC.
 * Arguments: <app> <project root>. Needs Nx's cached project graph (the parent creates it).
 */
import { join, relative } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { webpack, type Configuration } from 'webpack';
import type { BuildReport } from './watch-build';

const [app, projectRoot] = process.argv.slice(2) as [string, string];
// What Nx's run-commands executor sets for `build:development`; NxAppWebpackPlugin reads them.
Object.assign(process.env, {
  NODE_ENV: 'development',
  NX_TASK_TARGET_PROJECT: app,
  NX_TASK_TARGET_TARGET: 'build',
  NX_TASK_TARGET_CONFIGURATION: 'development',
});
process.chdir(join(workspaceRoot, projectRoot));
const compiler = webpack(require(join(workspaceRoot, projectRoot, 'webpack.config.js')) as Configuration);

compiler.watch({ aggregateTimeout: 200 }, (error, stats) => {
  const changed = [...(compiler.modifiedFiles ?? [])]
    .filter((file) => !file.includes('node_modules'))
    .map((file) => relative(workspaceRoot, file));
  const report: BuildReport = {
    app,
    ok: !error && !stats?.hasErrors(),
    ms: stats ? stats.endTime - stats.startTime : 0,
    changed,
    errors: error ? String(error.stack ?? error) : stats?.hasErrors() ? stats.toString('errors-only') : '',
  };
  process.send?.(report);
});

process.on('disconnect', () => compiler.close(() => process.exit(0)));
