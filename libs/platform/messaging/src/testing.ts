// Test support, imported as '@ms/platform-messaging/testing' from specs and test helpers only (lint forbids it elsewhere).

// Isolated namespaces per test run, their removal, broker outages.
export {
  bringTransportUp,
  isolatedMessagingEnv,
  removeTestMessaging,
  takeTransportDown,
} from './lib/testing/test-messaging';

// The transport-level pieces @ms/platform-testing's event probe and test service work with: services use EventBus
// and @OnEvent instead.
export { createEnvelope, type EventEnvelope } from './lib/events/event';
export { Messaging, serviceQueueName } from './lib/messaging';
export { MessagingSettings } from './lib/config/messaging-settings';
export { createTransport } from './lib/transport/create-transport';
export { type MessageTransport } from './lib/transport/transport';
