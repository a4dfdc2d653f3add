import type { DatabaseDefinition } from '@ms/platform-database';
import { MESSAGING_TABLES } from '@ms/platform-messaging';
import { ORDER_PROCESSING_SERVICE } from '@ms/contracts-order-processing';
import { Order, OrderItem } from './app/orders/order.entity';
import { CreateOrders1700000000000 } from './migrations/1700000000000-create-orders';
import { AddOrderStatusReason1796169600000 } from './migrations/1796169600000-add-order-status-reason';
import { IndexUnpaidOrders1796256000000 } from './migrations/1796256000000-index-unpaid-orders';

/** This service's database: its entities and the committed migrations that create them (and messaging's tables). */
export const DATABASE: DatabaseDefinition = {
  serviceName: ORDER_PROCESSING_SERVICE.name,
  entities: [Order, OrderItem],
  migrations: [CreateOrders1700000000000, AddOrderStatusReason1796169600000, IndexUnpaidOrders1796256000000],
  libraryTables: [MESSAGING_TABLES],
};
