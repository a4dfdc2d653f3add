import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFingerprint, isBuildCurrent, recordBuild } from './build-fingerprint';

describe('build fingerprint', () => {
  let root: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-fingerprint-'));
    git('init', '-q');
    write('.gitignore', 'dist/\n.data/\n');
    write('apps/a/src/main.ts', 'one');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'first');
    write('dist/apps/a/main.js', 'built');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stays the same while nothing the build reads changes, and outputs of the build do not count', () => {
    const before = buildFingerprint(root, ['a']);
    recordBuild(root, before);
    write('.data/logs/a.log', 'ignored by git');
    write('dist/apps/a/main.js', 'rebuilt');
    expect(buildFingerprint(root, ['a'])).toBe(before);
    expect(isBuildCurrent(root, ['a'], before)).toBe(true);
  });

  it.each([
    ['an edit to a tracked file', () => write('apps/a/src/main.ts', 'two')],
    ['a new file', () => write('apps/a/src/other.ts', 'new')],
    ['an edit to a new file', () => write('apps/a/src/extra.ts', 'newer')],
    ['a commit', () => git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x')],
  ])('changes with %s', (_, change) => {
    write('apps/a/src/extra.ts', 'new');
    const before = buildFingerprint(root, ['a']);
    recordBuild(root, before);
    change();
    const after = buildFingerprint(root, ['a']);
    expect(after).not.toBe(before);
    expect(isBuildCurrent(root, ['a'], after)).toBe(false);
  });

  it('is not current when an output is missing, or outside a git checkout', () => {
    const fingerprint = buildFingerprint(root, ['a', 'b']);
    recordBuild(root, fingerprint);
    expect(isBuildCurrent(root, ['a', 'b'], fingerprint)).toBe(false);
    rmSync(join(root, '.git'), { recursive: true });
    expect(buildFingerprint(root, ['a'])).toBeUndefined();
  });
});
