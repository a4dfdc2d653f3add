import type { DatabaseDefinition } from '@ms/platform-database';
import { MESSAGING_TABLES } from '@ms/platform-messaging';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { Product } from './app/products/product.entity';
import { StockReservation } from './app/stock/stock-reservation.entity';
import { CreateProducts1700000000000 } from './migrations/1700000000000-create-products';
import { AddStock1796169600000 } from './migrations/1796169600000-add-stock';
import { SearchAtScale1796256000000 } from './migrations/1796256000000-search-at-scale';
import { StockNotifications1796342400000 } from './migrations/1796342400000-stock-notifications';
import { PrewarmExtension1796428800000 } from './migrations/1796428800000-prewarm-extension';
import { ProductWord } from './app/products/product-word.entity';

/** This service's database: its entities and the committed migrations that create them (and messaging's tables). */
export const DATABASE: DatabaseDefinition = {
  serviceName: PRODUCT_SEARCH_SERVICE.name,
  entities: [Product, ProductWord, StockReservation],
  migrations: [
    CreateProducts1700000000000,
    AddStock1796169600000,
    SearchAtScale1796256000000,
    StockNotifications1796342400000,
    PrewarmExtension1796428800000,
  ],
  libraryTables: [MESSAGING_TABLES],
};
