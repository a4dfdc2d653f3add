import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt } from 'class-validator';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { defineEvent, type ServiceDescriptor } from '@ms/contracts-common';
import { Internal, Public } from '@ms/platform-core';
import { eventually } from '@ms/platform-core/testing';
import { DatabaseModule } from '@ms/platform-database';
import { createTestDatabase } from '@ms/platform-database/testing';
import { MESSAGING_TABLES, MessagingModule, OnEvent, type EventContext } from '@ms/platform-messaging';
import { startEventProbe } from './event-probe';
import { startTestService, type TestService } from './test-service';

const PROBE: ServiceDescriptor = {
  name: 'probe',
  accessibility: 'hybrid',
  defaultPort: 3990,
  routes: [
    { method: 'GET', path: '/database', access: 'public' },
    { method: 'GET', path: '/internal-ping', access: 'internal' },
  ],
};

const PROBE_NO_ROUTES: ServiceDescriptor = { ...PROBE, routes: [] };

@Controller()
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get('database')
  async database() {
    const [row] = await this.dataSource.query('SELECT current_database() AS name');
    return row;
  }

  @Internal()
  @Get('internal-ping')
  ping() {
    return { pong: true };
  }
}

@Module({ imports: [DatabaseModule.forRoot({ entities: [], migrations: [] })], controllers: [ProbeController] })
class ProbeModule {}

describe('startTestService', () => {
  it('runs the service on its own fresh database and signs service tokens for it', async () => {
    const before = process.env['DATABASE_URL'];
    const service = await startTestService(ProbeModule, PROBE, { database: true });
    try {
      const db = await service.app.inject({ method: 'GET', url: '/database' });
      expect(db.statusCode).toBe(200);
      expect(db.json().name).toMatch(/^probe_[0-9a-f]{10}$/);

      expect((await service.app.inject({ method: 'GET', url: '/internal-ping' })).statusCode).toBe(401);
      const ping = await service.app.inject({
        method: 'GET',
        url: '/internal-ping',
        headers: service.serviceTokenHeaders(),
      });
      expect(ping.json()).toEqual({ pong: true });
    } finally {
      await service.close();
    }
    expect(process.env['DATABASE_URL']).toBe(before);
  }, 60_000);
});

class Ping {
  @IsInt()
  readonly n!: number;
}
const PING = defineEvent('test.ping', Ping);

/** Records every ping it hears, in its own database. */
@Injectable()
class PingListener {
  @OnEvent(PING)
  async record(ping: Ping, { manager }: EventContext<Ping>): Promise<void> {
    await manager.query('CREATE TABLE IF NOT EXISTS pings (n integer NOT NULL)');
    await manager.query('INSERT INTO pings (n) VALUES ($1)', [ping.n]);
  }
}

@Module({
  imports: [
    DatabaseModule.forRoot({ entities: [], migrations: [], libraryTables: [MESSAGING_TABLES] }),
    MessagingModule.forRoot(),
  ],
  providers: [PingListener],
})
class MessagingProbeModule {}

describe('startTestService with messaging', () => {
  it('gives each test service its own messaging namespace, which an event probe shares, and removes it on close', async () => {
    // Keeps the (embedded) server up after both services have closed, to look for their messaging database.
    const anchor = await createTestDatabase('anchor');
    const first = await startTestService(MessagingProbeModule, PROBE_NO_ROUTES, { database: true });
    const second = await startTestService(MessagingProbeModule, PROBE_NO_ROUTES, { database: true });
    const pings = async (service: TestService): Promise<number[]> => {
      const exists = await service.app.get(DataSource).query(`SELECT to_regclass('pings') IS NOT NULL AS found`);
      if (!exists[0].found) return [];
      return (await service.app.get(DataSource).query('SELECT n FROM pings ORDER BY n')).map(
        (row: { n: number }) => row.n,
      );
    };
    try {
      expect(first.env['MESSAGING_DATABASE']).not.toBe(second.env['MESSAGING_DATABASE']);
      const sender = await startEventProbe(first, { as: 'sender' });
      try {
        await sender.publish(PING, { n: 1 });
        await eventually(async () => (await pings(first)).length === 1, 20_000, 'the ping');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await pings(first)).toEqual([1]);
        expect(await pings(second)).toEqual([]); // the same service, started twice: never each other's events
      } finally {
        await sender.close();
      }
    } finally {
      await second.close();
      await first.close();
    }
    const client = new Client({ connectionString: anchor.url });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        first.env['MESSAGING_DATABASE'],
      ]);
      expect(rowCount).toBe(0);
    } finally {
      await client.end();
      await anchor.drop();
    }
  }, 90_000);
});
