import { workspaceRoot } from '@nx/devkit';
import { execFileSync, ExecFileSyncOptions } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const SKIPPED = new Set(['node_modules', 'dist', 'tmp', '.nx', '.data', '.git', 'coverage']);

export interface WorkspaceCopy {
  readonly root: string;
  /** Runs a command in the copy; throws with its output when it fails. */
  run(command: string, args: string[], options?: ExecFileSyncOptions): string;
  nx(...args: string[]): string;
  remove(): void;
}

/**
 * A throwaway copy of this workspace (sources and config; node_modules linked, not copied) in which a test can run
 * generators, git and Nx without touching the real tree.
 */
export function copyWorkspace(prefix: string): WorkspaceCopy {
  const root = mkdtempSync(join(tmpdir(), `${prefix}-`));
  cpSync(workspaceRoot, root, {
    recursive: true,
    filter: (source) => {
      const rel = relative(workspaceRoot, source);
      return rel === '' || !SKIPPED.has(rel.split(/[\\/]/)[0]);
    },
  });
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', CI: 'true' };
  const run = (command: string, args: string[], options: ExecFileSyncOptions = {}) => {
    try {
      return execFileSync(command, args, {
        cwd: root,
        env,
        encoding: 'utf8',
        stdio: 'pipe',
        maxBuffer: 64 * 1024 * 1024,
        ...options,
      }).toString();
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer | string; stderr?: Buffer | string };
      throw new Error(
        `${command} ${args.join(' ')} failed:\n${String(stdout ?? '').slice(-6000)}\n${String(stderr ?? '').slice(-4000)}`,
      );
    }
  };
  return {
    root,
    run,
    nx: (...args) => run(process.execPath, [require.resolve('nx/bin/nx', { paths: [workspaceRoot] }), ...args]),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
