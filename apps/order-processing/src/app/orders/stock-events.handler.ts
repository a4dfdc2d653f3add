import { Injectable, Logger } from '@nestjs/common';
import {
  StockReservationFailedEvent,
  type StockReservationFailed,
  type StockShortfall,
} from '@ms/contracts-product-search';
import { OnEvent, type EventContext } from '@ms/platform-messaging';
import { OrdersService } from './orders.service';

/** status_reason is shown to the customer: keep it to a readable length. */
const MAX_REASON_LENGTH = 500;

/**
 * product-search's answers about stock. An order that lost the race for the last units is cancelled (which publishes
 * `order.cancelled`, so anything counted for it is taken back) with the reason the customer sees in "My orders".
 */
@Injectable()
export class StockEvents {
  private readonly logger = new Logger(StockEvents.name);

  constructor(private readonly orders: OrdersService) {}

  @OnEvent(StockReservationFailedEvent)
  async cancelOrderWithoutStock(
    event: StockReservationFailed,
    { manager }: EventContext<StockReservationFailed>,
  ): Promise<void> {
    const reason = `out of stock: ${event.shortfalls.map(describe).join(', ')}`.slice(0, MAX_REASON_LENGTH);
    if (!(await this.orders.transition(manager, event.orderId, 'cancelled', reason))) {
      this.logger.warn(
        `order ${event.orderId} had no stock but could not be cancelled (missing, shipped or cancelled already)`,
      );
    }
  }
}

function describe({ name, requested, available }: StockShortfall): string {
  return `${name ?? 'a product that no longer exists'} (${requested} ordered, ${available} available)`;
}
