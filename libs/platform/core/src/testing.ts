// Test support, imported as '@ms/platform-core/testing' from specs and test helpers only (lint forbids it elsewhere).
export { eventually } from './lib/testing/eventually';
