export { defineEvent, type EventDefinition, type EventEnvelope, type PayloadOf } from './lib/events/event';
export { InvalidEventPayloadError } from './lib/events/event-payload';
export { type EventContext, type EventHandler } from './lib/consumer/event-dispatcher';
export { Messaging, serviceQueueName } from './lib/messaging';
export { messagingSettings, type MessagingSettings } from './lib/config/messaging-settings';
export { createTransport } from './lib/transport/create-transport';
export { amqpQueueNames } from './lib/transport/amqp-queue-names';
export { type MessageTransport, type TransportStatus } from './lib/transport/transport';
export { EventBus } from './lib/module/event-bus';
export { OnEvent } from './lib/module/on-event.decorator';
export { MessagingModule, type MessagingModuleOptions } from './lib/module/messaging.module';

export { MESSAGING_TABLES } from './lib/outbox/messaging-tables';

// Test support: isolated namespaces per test run, their removal, broker outages.
export {
  bringTransportUp,
  isolatedMessagingEnv,
  rabbitmqctl,
  removeTestMessaging,
  takeTransportDown,
} from './lib/testing/test-messaging';
export { createEnvelope } from './lib/events/event';
