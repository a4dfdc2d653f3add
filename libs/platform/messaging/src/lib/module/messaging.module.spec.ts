import { Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceApp, loadConfig } from '@ms/platform-core';
import { DatabaseModule } from '@ms/platform-database';
import { assertMigrationsMatchEntities, createTestDatabase, type TestDatabase } from '@ms/platform-database/testing';
import { MESSAGING_TABLES } from '../../index';
import { eventually, OrderPlacedEvent, sleep, type OrderPlaced } from '../../test/messaging-harness';
import { MessagingSettings } from '../config/messaging-settings';
import type { EventContext } from '../consumer/event-dispatcher';
import { Messaging } from '../messaging';
import {
  bringTransportUp,
  isolatedMessagingEnv,
  removeTestMessaging,
  takeTransportDown,
} from '../testing/test-messaging';
import { EventBus } from './event-bus';
import { MessagingModule } from './messaging.module';
import { OnEvent } from './on-event.decorator';

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
    return this.dataSource.transaction((manager) =>
      this.events.publishInTransaction(manager, OrderPlacedEvent, { orderId }),
    );
  }

  @OnEvent(OrderPlacedEvent)
  async ship(order: OrderPlaced, { manager }: EventContext<OrderPlaced>): Promise<void> {
    await manager.query('INSERT INTO shipments (order_id) VALUES ($1)', [order.orderId]);
  }
}

/** A service with DatabaseModule + MessagingModule, both reading the app's env (its database, messaging namespace). */
function shippingModule() {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        entities: [],
        migrations: [CreateShipments1700000000001],
        libraryTables: [MESSAGING_TABLES],
      }),
      MessagingModule.forRoot(),
    ],
    providers: [Shipping],
  })
  class ShippingModule {}
  return ShippingModule;
}

describe('MessagingModule', () => {
  const amqp = Boolean(process.env['AMQP_URL']);
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase('shipping');
    env = {
      ...process.env,
      ...isolatedMessagingEnv(),
      NODE_ENV: 'test',
      SERVICE_TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters',
      DATABASE_URL: database.url,
      MESSAGING_POLL_INTERVAL_MS: '50',
    };
    const descriptor = { name: 'shipping', accessibility: 'internal', defaultPort: 0, routes: [] } as const;
    app = await createServiceApp(shippingModule(), descriptor, env);
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    const queue = app?.get(Messaging).queue;
    await app?.close();
    if (queue) await removeTestMessaging(loadConfig(MessagingSettings, env), database.url, [queue]);
    await database?.drop();
  });

  it('delivers an event published with EventBus to an @OnEvent handler once', async () => {
    const shipping = app.get(Shipping);
    await shipping.placeOrder('o-42');
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const shipments = async () => (await dataSource.query('SELECT order_id FROM shipments')) as { order_id: string }[];
    await eventually(async () => (await shipments()).length > 0, 20_000, 'the shipment');
    await sleep(300);
    expect(await shipments()).toEqual([{ order_id: 'o-42' }]);
  });

  it('reports the transport in /health/ready', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details.messaging).toEqual({
      status: 'up',
      transport: amqp ? 'amqp' : 'postgres',
      connected: true,
    });
  });

  it('stays ready but reports degraded while the transport is down', async () => {
    const settings = loadConfig(MessagingSettings, env);
    await takeTransportDown(settings, database.url);
    try {
      const ready = await eventually(
        async () => {
          const response = await app.inject({ method: 'GET', url: '/health/ready' });
          return response.json().details.messaging.connected === false && response;
        },
        20_000,
        'the degraded report',
      );
      expect(ready.statusCode).toBe(200);
      expect(ready.json().details.messaging).toMatchObject({
        status: 'up',
        connected: false,
        degraded: true,
        detail: expect.any(String),
      });
    } finally {
      await bringTransportUp(settings, database.url);
    }
    await eventually(
      async () => {
        const response = await app.inject({ method: 'GET', url: '/health/ready' });
        return response.json().details.messaging.connected === true;
      },
      20_000,
      'the transport to be back',
    );
  });

  it('refuses to start when the service database leaves out messaging tables, naming the fix', async () => {
    @Module({
      imports: [
        DatabaseModule.forRoot({ entities: [], migrations: [CreateShipments1700000000001] }),
        MessagingModule.forRoot(),
      ],
    })
    class ForgetfulModule {}
    const descriptor = { name: 'forgetful', accessibility: 'internal', defaultPort: 0, routes: [] } as const;
    await expect(createServiceApp(ForgetfulModule, descriptor, env)).rejects.toThrow(
      "the outbox is not in forgetful's database; add `libraryTables: [MESSAGING_TABLES]`",
    );
  });

  it('ships a migration that matches the outbox and processed_events entities', async () => {
    await expect(
      assertMigrationsMatchEntities({
        serviceName: 'messaging_schema',
        entities: [],
        migrations: [],
        libraryTables: [MESSAGING_TABLES],
      }),
    ).resolves.toBeUndefined();
  });
});
