export { startTestService, type TestService, type TestServiceOptions } from './lib/test-service';
