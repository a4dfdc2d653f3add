import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductSearchClient } from '@ms/contracts-product-search';
import { InternalHttpClient, provideConfig } from '@ms/platform-core';
import { OrderProcessingConfig } from '../config/order-processing-config';
import { Order, OrderItem } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { ProductPricesService } from './product-prices.service';
import { StockEvents } from './stock-events.handler';
import { UnpaidOrders } from './unpaid-orders';

/**
 * Orders: the routes, the rules (OrdersService), their tables, pricing from product-search, the consumer of
 * `stock.reservation-failed` and the sweep that cancels unpaid orders.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderItem])],
  controllers: [OrdersController],
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
    provideConfig(OrderProcessingConfig),
    UnpaidOrders,
  ],
})
export class OrdersModule {}
