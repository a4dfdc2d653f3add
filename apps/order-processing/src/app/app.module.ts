import { Module } from '@nestjs/common';
import { DatabaseModule } from '@ms/platform-database';
import { MessagingModule } from '@ms/platform-messaging';
import { DATABASE } from '../database';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [
    DatabaseModule.forRoot(DATABASE),
    // Publishes order.placed / order.cancelled through the outbox; consumes stock.reservation-failed.
    MessagingModule.forRoot(),
    OrdersModule,
  ],
})
export class AppModule {}
