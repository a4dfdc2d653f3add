// What services use. Test support (isolated namespaces, outages, the transport the event probe works on) is in
// './testing', imported as '@ms/platform-messaging/testing'.
export { InvalidEventPayloadError } from './lib/events/event-payload';
export { type EventContext } from './lib/consumer/event-dispatcher';
export { EventBus } from './lib/module/event-bus';
export { OnEvent } from './lib/module/on-event.decorator';
export { MessagingModule } from './lib/module/messaging.module';
export { MESSAGING_TABLES } from './lib/outbox/messaging-tables';
