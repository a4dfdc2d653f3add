import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { provideConfig, ReadinessRegistry, SERVICE_DESCRIPTOR } from '@ms/platform-core';
import { MessagingSettings } from '../config/messaging-settings';
import type { EventHandler } from '../consumer/event-dispatcher';
import type { EventDefinition } from '../events/event';
import { Messaging } from '../messaging';
import { MESSAGING_TABLES } from '../outbox/messaging-tables';
import { createTransport } from '../transport/create-transport';
import { EventBus } from './event-bus';
import { ON_EVENT_METADATA } from './on-event.decorator';

/** Collects @OnEvent handlers, starts relay and consumer once the app is up, stops them before the database closes. */
@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly messaging: Messaging,
    private readonly readiness: ReadinessRegistry,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    // Degraded, never unready: while the transport is away the outbox keeps every event and the relay catches up.
    this.readiness.register('messaging', async () => {
      const status = await this.messaging.status();
      return { messaging: { status: 'up' as const, ...status, ...(status.connected ? {} : { degraded: true }) } };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[name];
        const event: EventDefinition | undefined =
          typeof method === 'function' ? Reflect.getMetadata(ON_EVENT_METADATA, method) : undefined;
        if (event) this.messaging.subscribe(event, (method as EventHandler).bind(instance));
      }
    }
    await this.messaging.start();
    const status = await this.messaging.status();
    this.logger.log(
      `messaging on ${status.transport}${status.connected ? '' : ` (not connected yet: ${status.detail})`}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.messaging.stop();
  }
}

/**
 * Indirect messaging for a service, in one import (after DatabaseModule, whose DataSource holds the outbox):
 *
 * ```ts
 * imports: [DatabaseModule.forRoot(DATABASE), // DATABASE.libraryTables includes MESSAGING_TABLES (src/database.ts)
 *           MessagingModule.forRoot()]
 * ```
 *
 * Inject `EventBus` to publish; mark handlers with `@OnEvent(...)`. Adds the `messaging` readiness check. Its
 * settings (AMQP_URL, MESSAGING_*) come from the service's environment, like every config (`MessagingSettings`).
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        provideConfig(MessagingSettings),
        {
          provide: Messaging,
          inject: [getDataSourceToken(), SERVICE_DESCRIPTOR, MessagingSettings],
          useFactory: async (dataSource: DataSource, service: ServiceDescriptor, settings: MessagingSettings) => {
            const url = (dataSource.options as { url?: string }).url;
            if (!url)
              throw new Error(
                'MessagingModule needs DatabaseModule.forRoot(...) (the outbox lives in the service database)',
              );
            if (!MESSAGING_TABLES.entities.every((entity) => dataSource.hasMetadata(entity))) {
              throw new Error(
                `MessagingModule: the outbox is not in ${service.name}'s database; add ` +
                  '`libraryTables: [MESSAGING_TABLES]` (from @ms/platform-messaging) to its DatabaseDefinition (src/database.ts)',
              );
            }
            return new Messaging(dataSource, service.name, await createTransport(settings, url), settings);
          },
        },
        EventBus,
        MessagingLifecycle,
      ],
      exports: [EventBus],
    };
  }
}
