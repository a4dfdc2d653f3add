import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceApp } from '@ms/platform-core';
import { databaseTestEnv, eventually, freePort, notesModule, notesService } from '../../test/notes-service';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded/embedded-postgres';

/** A database of its own that this test stops and starts again while the service keeps running. */
describe('losing the database while running', () => {
  let dir: string;
  let port: number;
  let server: EmbeddedPostgres | undefined;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-db-fault-'));
    port = await freePort();
    server = await startEmbeddedPostgres({ dir, port });
    // No database in the URL: the service's own ('notes') is created on this server.
    const env = databaseTestEnv({ DATABASE_URL: server.url.replace(/\/postgres$/, '') });
    app = await createServiceApp(notesModule(), notesService(), env);
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers 503 while the database is down and recovers without a restart', async () => {
    expect((await app.inject({ method: 'POST', url: '/notes', payload: { title: 'kept' } })).statusCode).toBe(201);
    expect((await get('/health/ready')).statusCode).toBe(200);

    await server?.stop();
    server = undefined;

    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error).toEqual({ database: expect.objectContaining({ status: 'down' }) });
    const notes = await get('/notes');
    expect(notes.statusCode).toBe(503);
    expect(notes.json()).toEqual({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      error: 'Service Unavailable',
      message: 'database unavailable',
    });
    // Twice: the pool must answer from a fresh (failing) connection attempt, not hang on a dead one.
    expect((await get('/notes')).statusCode).toBe(503);

    server = await startEmbeddedPostgres({ dir, port });

    await eventually(async () => (await get('/notes')).statusCode === 200, 10_000);
    expect((await get('/notes')).json()).toEqual([expect.objectContaining({ title: 'kept' })]);
    expect((await get('/health/ready')).statusCode).toBe(200);
  });
});
