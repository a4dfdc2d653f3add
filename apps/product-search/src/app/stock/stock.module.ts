import { Module } from '@nestjs/common';
import { StockReservations } from './stock-reservations.service';

/** Takes and gives back stock on order-processing's events (the platform finds the `@OnEvent` handlers). */
@Module({
  providers: [StockReservations],
})
export class StockModule {}
