import { Controller, Get, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { Internal, Public } from '@ms/platform-core';
import { DatabaseModule } from '@ms/platform-database';
import { startTestService } from './test-service';

const PROBE: ServiceDescriptor = {
  name: 'probe',
  accessibility: 'hybrid',
  defaultPort: 3990,
  routes: [
    { method: 'GET', path: '/database', access: 'public' },
    { method: 'GET', path: '/internal-ping', access: 'internal' },
  ],
};

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
      const ping = await service.app.inject({ method: 'GET', url: '/internal-ping', headers: service.serviceTokenHeaders() });
      expect(ping.json()).toEqual({ pong: true });
    } finally {
      await service.close();
    }
    expect(process.env['DATABASE_URL']).toBe(before);
  }, 60_000);
});
