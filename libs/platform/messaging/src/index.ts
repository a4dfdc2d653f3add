export { defineEvent, type EventDefinition, type EventEnvelope, type PayloadOf } from './lib/events/event';
export { InvalidEventPayloadError } from './lib/events/event-payload';
export { OutboxMessage } from './lib/outbox/outbox-message.entity';
export { ProcessedEvent } from './lib/consumer/processed-event.entity';
export { CreateMessagingTables1767225600000 } from './lib/outbox/create-messaging-tables.migration';
export { IndexUnsentOutbox1796169600001 } from './lib/outbox/index-unsent-outbox.migration';
export { type EventContext, type EventHandler } from './lib/consumer/event-dispatcher';
export { Messaging, serviceQueueName } from './lib/messaging';
export { messagingSettings, type MessagingSettings } from './lib/config/messaging-settings';
export { createTransport } from './lib/transport/create-transport';
export { amqpQueueNames } from './lib/transport/amqp-queue-names';
export { type MessageTransport, type TransportStatus } from './lib/transport/transport';
export { EventBus } from './lib/module/event-bus';
export { OnEvent } from './lib/module/on-event.decorator';
export { MessagingModule, type MessagingModuleOptions } from './lib/module/messaging.module';

import { ProcessedEvent } from './lib/consumer/processed-event.entity';
import { CreateMessagingTables1767225600000 } from './lib/outbox/create-messaging-tables.migration';
import { IndexUnsentOutbox1796169600001 } from './lib/outbox/index-unsent-outbox.migration';
import { OutboxMessage } from './lib/outbox/outbox-message.entity';

/** Spread into the service's entity list (src/database.ts). */
export const messagingEntities = [OutboxMessage, ProcessedEvent];
/** Spread into the service's migration list (src/database.ts), after its own earlier migrations. */
export const messagingMigrations = [CreateMessagingTables1767225600000, IndexUnsentOutbox1796169600001];

// Test support: isolated namespaces per test run, their removal, broker outages.
export {
  bringTransportUp,
  isolatedMessagingEnv,
  rabbitmqctl,
  removeTestMessaging,
  takeTransportDown,
} from './lib/testing/test-messaging';
export { createEnvelope } from './lib/events/event';
