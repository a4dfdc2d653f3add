import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client, type QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@ms/platform-core';
import { CreateNotes1700000000000, databaseTestEnv, notesModule, notesService } from '../../test/notes-service';
import { Note } from '../../test/notes.entity';
import { dropDatabase, withDatabase } from '../connection/database-target';
import { createDataSource, runMigrations } from '../data-source';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { embeddedPostgresDir } from '../embedded/embedded-postgres-dir';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

async function query<R extends QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('DatabaseModule', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase('module_spec', databaseTestEnv());
    const env = databaseTestEnv({ DATABASE_URL: database.url });
    app = await createServiceApp(notesModule(), notesService(), env);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('applies the migrations at start outside production', async () => {
    const applied = await query<{ name: string }>(database.url, 'SELECT name FROM migrations');
    expect(applied.map((row) => row.name)).toEqual(['CreateNotes1700000000000']);
  });

  it('serves repositories injected with @InjectRepository', async () => {
    const created = await app.inject({ method: 'POST', url: '/notes', payload: { title: 'first' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: expect.any(Number), title: 'first' });
    const listed = await app.inject({ method: 'GET', url: '/notes' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([expect.objectContaining({ title: 'first' })]);
  });

  it('leaves a unique violation to the service (409 here), not 503', async () => {
    await app.inject({ method: 'POST', url: '/notes', payload: { title: 'twice' } });
    const duplicate = await app.inject({ method: 'POST', url: '/notes', payload: { title: 'twice' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      error: 'Conflict',
      message: 'a note titled "twice" already exists',
    });
  });

  it('reports the database in /health/ready', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info).toEqual({ database: { status: 'up' } });
  });

  it('never creates tables by synchronising entities', () => {
    expect(app.get(DataSource).options.synchronize).toBe(false);
  });
});

describe('DatabaseModule in production', () => {
  it('does not migrate at start, is not ready until runMigrations has applied them', async () => {
    const database = await createTestDatabase('production_spec', databaseTestEnv());
    const env = databaseTestEnv({ DATABASE_URL: database.url, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    try {
      const app = await createServiceApp(notesModule(), notesService(), env);
      const tables = await query(database.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'note'");
      expect(tables).toHaveLength(0);
      const listed = await app.inject({ method: 'GET', url: '/notes' });
      expect(listed.statusCode).toBe(500); // a missing table is a bug, not an outage
      // … so the instance is not ready, and says which migrations are missing.
      const notReady = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json().error).toEqual({
        database: {
          status: 'down',
          message: 'migrations not applied: CreateNotes1700000000000',
          pending: ['CreateNotes1700000000000'],
        },
      });

      const dataSource = await createDataSource({
        serviceName: 'notes',
        entities: [Note],
        migrations: [CreateNotes1700000000000],
        env,
      });
      expect(dataSource.isInitialized).toBe(false);
      const applied = await runMigrations(dataSource.options);
      expect(applied.map((migration) => migration.name)).toEqual(['CreateNotes1700000000000']);
      expect(await runMigrations(dataSource.options)).toEqual([]);
      expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/notes' })).statusCode).toBe(200);
      await app.close();
    } finally {
      await database.drop();
    }
  });
});

describe('DATABASE_URL without a database name', () => {
  it("uses (and creates) the service's own database", async () => {
    const server = await createTestDatabase('server_probe', databaseTestEnv());
    const serviceName = `notes-${randomBytes(4).toString('hex')}`;
    const expected = serviceName.replace(/-/g, '_');
    const serverUrl = new URL(server.url);
    serverUrl.pathname = '';
    const env = databaseTestEnv({ DATABASE_URL: serverUrl.toString() });
    try {
      const app = await createServiceApp(notesModule(), notesService(serviceName), env);
      const created = await app.inject({ method: 'POST', url: '/notes', payload: { title: 'in my own database' } });
      expect(created.statusCode).toBe(201);
      await app.close();
      const rows = await query<{ title: string }>(withDatabase(server.url, expected), 'SELECT title FROM note');
      expect(rows).toEqual([{ title: 'in my own database' }]);
    } finally {
      await dropDatabase(withDatabase(server.url, 'postgres'), expected);
      await server.drop();
    }
  });
});

// The default path; with DATABASE_URL set the suite targets that server instead, so this case does not apply.
(process.env['DATABASE_URL'] ? describe.skip : describe)('without DATABASE_URL', () => {
  it("starts or joins the embedded cluster and uses the service's own database there", async () => {
    const serviceName = `embedded-${randomBytes(4).toString('hex')}`;
    const env = databaseTestEnv();
    const cluster = await startEmbeddedPostgres({
      dir: embeddedPostgresDir(env),
      port: Number(env['EMBEDDED_PG_PORT']),
    });
    try {
      const app = await createServiceApp(notesModule(), notesService(serviceName), env);
      expect((await app.inject({ method: 'POST', url: '/notes', payload: { title: 'embedded' } })).statusCode).toBe(
        201,
      );
      await app.close();
      const rows = await query<{ title: string }>(
        withDatabase(cluster.url, serviceName.replace(/-/g, '_')),
        'SELECT title FROM note',
      );
      expect(rows).toEqual([{ title: 'embedded' }]);
    } finally {
      await dropDatabase(cluster.url, serviceName.replace(/-/g, '_'));
      await cluster.stop();
    }
  });
});
