export { startTestService, type TestService } from './lib/test-service';
export { startEventProbe, type EventProbe } from './lib/event-probe';
// Re-exported so a service's tests find every helper in one place.
export { eventually } from '@ms/platform-core/testing';
