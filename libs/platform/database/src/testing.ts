// Test support, imported as '@ms/platform-database/testing' from specs and test helpers only (lint forbids it elsewhere).
export { createTestDatabase, type TestDatabase } from './lib/testing/test-database';
// Every service's migrations.spec.ts: its entities and its committed migrations must agree.
export { assertMigrationsMatchEntities, SchemaDriftError } from './lib/migrations/schema-drift';
