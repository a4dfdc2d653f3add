import { spawn } from 'node:child_process';
import { buildFingerprint, isBuildCurrent, recordBuild } from './build-fingerprint';
import { seconds } from './progress';

/**
 * Builds the apps' development configuration through Nx, all at once: transpile only (type checking stays in lint,
 * test and the production build), and nothing at all when Nx's cache already holds the result. Not even Nx is asked
 * when nothing the build reads changed since the last start's build (build-fingerprint.ts). Resolves when done;
 * rejects with Nx's output when a build fails.
 */
export function buildApps(workspaceRoot: string, apps: readonly string[]): Promise<void> {
  const fingerprint = buildFingerprint(workspaceRoot, apps);
  if (isBuildCurrent(workspaceRoot, apps, fingerprint)) {
    process.stdout.write(`✔ built: nothing changed since the last start's build (dist/apps)\n`);
    return Promise.resolve();
  }
  const started = Date.now();
  process.stdout.write(`… building ${apps.join(', ')}\n`);
  return new Promise((resolve, reject) => {
    const nx = spawn(
      process.execPath,
      [
        require.resolve('nx/bin/nx'),
        'run-many',
        '-t',
        'build',
        '-c',
        'development',
        '-p',
        ...apps,
        `--parallel=${apps.length}`,
        '--outputStyle=static',
      ],
      // Nx loads its project-graph plugins in a worker process each by default: six processes starting on two cores
      // took ~4 s of a warm start; in-process they take ~1 s (they are this workspace's own, trusted plugins).
      { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NX_ISOLATE_PLUGINS: 'false' } },
    );
    let output = '';
    nx.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    nx.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    nx.on('error', reject);
    nx.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the build failed (nx exit ${code}):\n${output.trim()}`));
      const cached = /Nx read the output from the cache instead of running the command for (\d+) out of (\d+)/.exec(
        output,
      );
      const note = cached ? `, ${cached[1]} of ${cached[2]} from Nx's cache` : '';
      process.stdout.write(`✔ built in ${seconds(Date.now() - started)}${note}\n`);
      recordBuild(workspaceRoot, fingerprint);
      resolve();
    });
  });
}
