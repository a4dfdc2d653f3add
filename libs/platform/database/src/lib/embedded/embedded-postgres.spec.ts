import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../test/notes-service';
import { startEmbeddedPostgres } from './embedded-postgres';

async function select1(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ms-embedded-pg-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('lets concurrent starters share one cluster, stopped by the last one out', async () => {
    const dir = await newDir();
    const port = await freePort();
    // A crashed user's lease must not keep the cluster up.
    await mkdir(join(dir, 'leases'), { recursive: true });
    await writeFile(join(dir, 'leases', '2147483646-dead'), '2147483646');

    const [first, second] = await Promise.all([
      startEmbeddedPostgres({ dir, port }),
      startEmbeddedPostgres({ dir, port }),
    ]);
    expect([first.startedHere, second.startedHere].sort()).toEqual([false, true]);
    expect(first.url).toBe(second.url);
    await select1(first.url);

    await first.stop();
    await select1(second.url); // still up: the other user holds a lease

    await second.stop();
    await expect(select1(second.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const again = await startEmbeddedPostgres({ dir, port }); // initialised already: a plain start
    expect(again.startedHere).toBe(true);
    await select1(again.url);
    await again.stop();
  });

  it('refuses a port taken by another cluster instead of using it', async () => {
    const port = await freePort();
    const other = await startEmbeddedPostgres({ dir: await newDir(), port });
    try {
      await expect(startEmbeddedPostgres({ dir: await newDir(), port })).rejects.toThrow(
        /used by another PostgreSQL cluster/,
      );
    } finally {
      await other.stop();
    }
  });
});
