import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm start` notes what its last successful build was made from. */
export const BUILD_FINGERPRINT_FILE = 'dist/.npm-start-build';

/**
 * What the apps' build is made from, as one hash: the commit, every change to tracked files (staged or not), every
 * untracked file that is not ignored (by content), the Node version and the apps. Undefined outside a git checkout.
 * Equal fingerprints mean Nx would find every build in its cache; asking it (project graph, hashing) took ~3.5 s of
 * a warm start.
 */
export function buildFingerprint(workspaceRoot: string, apps: readonly string[]): string | undefined {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: workspaceRoot, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const hash = createHash('sha256').update(`${process.version}\0${apps.join(',')}\0`);
    hash.update(git('rev-parse', 'HEAD'));
    hash.update(git('diff', 'HEAD', '--binary'));
    const untracked = git('ls-files', '--others', '--exclude-standard', '-z').toString().split('\0').filter(Boolean);
    for (const file of untracked) hash.update(`\0${file}\0`).update(readFileSync(join(workspaceRoot, file)));
    return hash.digest('hex');
  } catch {
    return undefined; // not a git checkout (or git is missing): always ask Nx
  }
}

/** True when the last build recorded `fingerprint` and every app's output is still there. */
export function isBuildCurrent(
  workspaceRoot: string,
  apps: readonly string[],
  fingerprint: string | undefined,
): boolean {
  if (!fingerprint) return false;
  const file = join(workspaceRoot, BUILD_FINGERPRINT_FILE);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== fingerprint) return false;
  return apps.every((app) => existsSync(join(workspaceRoot, 'dist/apps', app, 'main.js')));
}

export function recordBuild(workspaceRoot: string, fingerprint: string | undefined): void {
  if (fingerprint) writeFileSync(join(workspaceRoot, BUILD_FINGERPRINT_FILE), fingerprint);
}
