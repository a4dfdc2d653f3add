export { startTestService, type TestService, type TestServiceOptions } from './lib/test-service';
export { startEventProbe, type EventProbe, type EventProbeOptions } from './lib/event-probe';
// Re-exported so a service's tests find every helper in one place.
export { eventually } from '@ms/platform-core';
