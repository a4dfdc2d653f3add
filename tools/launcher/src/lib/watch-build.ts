import { fork } from 'node:child_process';
import { join } from 'node:path';

/** What the watch worker reports after each build of its app. */
export interface BuildReport {
  readonly app: string;
  readonly ok: boolean;
  readonly ms: number;
  /** Files (relative to the workspace) whose change caused this build; empty for the first one. */
  readonly changed: readonly string[];
  /** webpack's errors, when the build failed. */
  readonly errors: string;
}

export interface WatchBuild {
  readonly app: string;
  /** Resolves after the first build; rejects when it fails. */
  readonly firstBuild: Promise<void>;
  /** Called after every later build. */
  onRebuild(listener: (report: BuildReport) => void): void;
  stop(): void;
}

/** Starts the watch worker of one app (`watch-worker.ts`, through @swc-node/register like the launcher itself). */
export function startWatchBuild(workspaceRoot: string, app: string, projectRoot: string): WatchBuild {
  const child = fork(join(__dirname, 'watch-worker.ts'), [app, projectRoot], {
    cwd: workspaceRoot,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = ''; // webpack's own chatter; shown only if the worker dies
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const listeners: ((report: BuildReport) => void)[] = [];
  let first = true;
  let stopping = false;
  const firstBuild = new Promise<void>((resolve, reject) => {
    child.on('message', (report: BuildReport) => {
      if (first) {
        first = false;
        if (report.ok) resolve();
        else reject(new Error(`${app} does not build:\n${report.errors}`));
        return;
      }
      for (const listener of listeners) listener(report);
    });
    child.on('exit', (code) => {
      if (stopping) return;
      const error = new Error(`${app}'s build watcher exited with ${code}:\n${output.trim()}`);
      if (first) reject(error);
      else process.stderr.write(`✖ ${error.message}\n`);
    });
  });
  return {
    app,
    firstBuild,
    onRebuild: (listener) => listeners.push(listener),
    stop: () => {
      stopping = true;
      if (child.connected) child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    },
  };
}
