import { assertMigrationsMatchEntities } from '@ms/platform-database/testing';
import { DATABASE } from './database';

describe('database schema', () => {
  it('has a committed migration for every entity change', () => assertMigrationsMatchEntities(DATABASE));
});
