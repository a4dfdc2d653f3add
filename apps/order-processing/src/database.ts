import type { DatabaseDefinition } from '@ms/platform-database';
import { ORDER_PROCESSING_SERVICE } from '@ms/contracts-order-processing';
import { Order, OrderItem } from './app/orders/order.entity';
import { CreateOrders1700000000000 } from './migrations/1700000000000-create-orders';

/** This service's database: its entities and the committed migrations that create them. */
export const DATABASE: DatabaseDefinition = {
  serviceName: ORDER_PROCESSING_SERVICE.name,
  entities: [Order, OrderItem],
  migrations: [CreateOrders1700000000000],
};
