import { Injectable, Module } from '@nestjs/common';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { assertMigrationsMatchEntities, createTestDatabase, DatabaseModule, type TestDatabase } from '@ms/platform-database';
import { startTestService, type TestService } from '@ms/platform-testing';
import { messagingEntities, messagingMigrations } from '../../index';
import { eventually, onServer, OrderPlacedEvent, sleep, uniqueSuffix, type OrderPlaced } from '../../test/messaging-harness';
import { amqpQueueNames } from '../transport/amqp-transport';
import { serviceQueueName } from '../messaging';
import type { EventContext } from '../consumer/event-dispatcher';
import { EventBus } from './event-bus';
import { MessagingModule } from './messaging.module';
import { OnEvent } from './on-event.decorator';

const run = promisify(execFile);

class CreateShipments1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE shipments (order_id text NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE shipments`);
  }
}

/** What a service writes: publish in its own transaction, react with @OnEvent in the handler's transaction. */
@Injectable()
class Shipping {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  placeOrder(orderId: string) {
    return this.dataSource.transaction((manager) => this.events.publishInTransaction(manager, OrderPlacedEvent, { orderId }));
  }

  @OnEvent(OrderPlacedEvent)
  async ship(order: OrderPlaced, { manager }: EventContext<OrderPlaced>): Promise<void> {
    await manager.query('INSERT INTO shipments (order_id) VALUES ($1)', [order.orderId]);
  }
}

@Module({
  imports: [
    DatabaseModule.forRoot({ entities: [...messagingEntities], migrations: [...messagingMigrations, CreateShipments1700000000001] }),
    MessagingModule.forRoot(),
  ],
  providers: [Shipping],
})
class ShippingModule {}

describe('MessagingModule', () => {
  const suffix = uniqueSuffix();
  const serviceName = `shipping-${suffix}`;
  const env = {
    MESSAGING_EXCHANGE: `test.events.${suffix}`,
    MESSAGING_DATABASE: `ms_messaging_test_${suffix}`,
    MESSAGING_POLL_INTERVAL_MS: '50',
  };
  let service: TestService;
  // Our own database (not startTestService's) so the server stays ours until the messaging database is dropped too.
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('shipping');
    service = await startTestService(
      ShippingModule,
      { name: serviceName, accessibility: 'internal', defaultPort: 0, routes: [] },
      { env: { ...env, DATABASE_URL: database.url } },
    );
  });

  afterAll(async () => {
    await service?.close();
    if (process.env['AMQP_URL']) {
      const connection = await connect(process.env['AMQP_URL']);
      const channel = await connection.createChannel();
      const names = amqpQueueNames(serviceQueueName(serviceName));
      for (const name of [names.main, names.retry, names.deadLetter]) await channel.deleteQueue(name);
      await channel.deleteExchange(env.MESSAGING_EXCHANGE);
      await connection.close();
    } else if (database) {
      await onServer(database.url, `DROP DATABASE IF EXISTS "${env.MESSAGING_DATABASE}" WITH (FORCE)`);
    }
    await database?.drop();
  });

  it('delivers an event published with EventBus to an @OnEvent handler once', async () => {
    const shipping = service.app.get(Shipping);
    await shipping.placeOrder('o-42');
    const dataSource = service.app.get<DataSource>(getDataSourceToken());
    const shipments = async () => (await dataSource.query('SELECT order_id FROM shipments')) as { order_id: string }[];
    await eventually(async () => (await shipments()).length > 0, 20_000, 'the shipment');
    await sleep(300);
    expect(await shipments()).toEqual([{ order_id: 'o-42' }]);
  });

  it('reports the transport in /health/ready', async () => {
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details.messaging).toEqual({
      status: 'up',
      transport: process.env['AMQP_URL'] ? 'amqp' : 'postgres',
      connected: true,
    });
  });

  it('stays ready but reports degraded while the transport is down', async () => {
    const amqp = Boolean(process.env['AMQP_URL']);
    const takeDown = amqp
      ? () => run('rabbitmqctl', ['stop_app'], { timeout: 60_000 })
      : async () => {
          await onServer(database.url, `ALTER DATABASE "${env.MESSAGING_DATABASE}" ALLOW_CONNECTIONS false`);
          await onServer(database.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${env.MESSAGING_DATABASE}'`);
        };
    const bringUp = amqp
      ? async () => {
          await run('rabbitmqctl', ['start_app'], { timeout: 60_000 });
          await run('rabbitmqctl', ['await_startup'], { timeout: 60_000 });
        }
      : () => onServer(database.url, `ALTER DATABASE "${env.MESSAGING_DATABASE}" ALLOW_CONNECTIONS true`);
    await takeDown();
    try {
      const ready = await eventually(async () => {
        const response = await service.app.inject({ method: 'GET', url: '/health/ready' });
        return response.json().details.messaging.connected === false && response;
      }, 20_000, 'the degraded report');
      expect(ready.statusCode).toBe(200);
      expect(ready.json().details.messaging).toMatchObject({ status: 'up', connected: false, degraded: true, detail: expect.any(String) });
    } finally {
      await bringUp();
    }
    await eventually(async () => {
      const response = await service.app.inject({ method: 'GET', url: '/health/ready' });
      return response.json().details.messaging.connected === true;
    }, 20_000, 'the transport to be back');
  });

  it('ships a migration that matches the outbox and processed_events entities', async () => {
    await expect(
      assertMigrationsMatchEntities({ serviceName: 'messaging_schema', entities: messagingEntities, migrations: messagingMigrations }),
    ).resolves.toBeUndefined();
  });
});
