import type { DatabaseDefinition } from '@ms/platform-database';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { Item } from './app/items/item.entity';
import { CreateItems1700000000000 } from './migrations/1700000000000-create-items';

/** This service's database: its entities and the committed migrations that create them. */
export const DATABASE: DatabaseDefinition = {
  serviceName: PRODUCT_SEARCH_SERVICE.name,
  entities: [Item],
  migrations: [CreateItems1700000000000],
};
