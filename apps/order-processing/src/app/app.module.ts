import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductSearchClient } from '@ms/contracts-product-search';
import { InternalHttpClient } from '@ms/platform-core';
import { DatabaseModule } from '@ms/platform-database';
import { MessagingModule } from '@ms/platform-messaging';
import { DATABASE } from '../database';
import { Order, OrderItem } from './orders/order.entity';
import { OrdersService } from './orders/orders.service';
import { ProductPricesService } from './orders/product-prices.service';
import { StockEvents } from './orders/stock-events.handler';
import { UnpaidOrders } from './orders/unpaid-orders';
import { OrderProcessingInternalController } from './internal/order-processing-internal.controller';

@Module({
  imports: [
    DatabaseModule.forRoot(DATABASE),
    TypeOrmModule.forFeature([Order, OrderItem]),
    // Publishes order.placed / order.cancelled through the outbox; consumes stock.reservation-failed.
    MessagingModule.forRoot(),
  ],
  controllers: [OrderProcessingInternalController],
  providers: [
    // product-search through its typed client, over the platform's internal client (token, request id, timeouts).
    {
      provide: ProductSearchClient,
      inject: [InternalHttpClient],
      useFactory: (http: InternalHttpClient) => new ProductSearchClient(http),
    },
    ProductPricesService,
    OrdersService,
    StockEvents,
    UnpaidOrders,
  ],
})
export class AppModule {}
