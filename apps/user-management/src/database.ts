import type { DatabaseDefinition } from '@ms/platform-database';
import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { Item } from './app/items/item.entity';
import { CreateItems1700000000000 } from './migrations/1700000000000-create-items';

/** This service's database: its entities and the committed migrations that create them. */
export const DATABASE: DatabaseDefinition = {
  serviceName: USER_MANAGEMENT_SERVICE.name,
  entities: [Item],
  migrations: [CreateItems1700000000000],
};
