import { Module } from '@nestjs/common';
import { OrderProcessingClient } from '@ms/contracts-order-processing';
import { InternalHttpClient } from '@ms/platform-core';
import { AuthModule } from '../auth/auth.module';
import { CustomerOrdersController } from './customer-orders.controller';
import { CustomerOrdersService } from './customer-orders.service';

/** The storefront's BFF for orders: checkout and "my orders" of the logged-in user, through order-processing. */
@Module({
  imports: [AuthModule],
  controllers: [CustomerOrdersController],
  providers: [
    {
      provide: OrderProcessingClient,
      useFactory: (caller: InternalHttpClient) => new OrderProcessingClient(caller),
      inject: [InternalHttpClient],
    },
    CustomerOrdersService,
  ],
})
export class CustomerOrdersModule {}
