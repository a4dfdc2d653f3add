import type { DatabaseDefinition } from '@ms/platform-database';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { Product } from './app/products/product.entity';
import { CreateProducts1700000000000 } from './migrations/1700000000000-create-products';

/** This service's database: its entities and the committed migrations that create them. */
export const DATABASE: DatabaseDefinition = {
  serviceName: PRODUCT_SEARCH_SERVICE.name,
  entities: [Product],
  migrations: [CreateProducts1700000000000],
};
