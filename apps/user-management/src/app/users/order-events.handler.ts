import { Injectable } from '@nestjs/common';
import {
  OrderCancelledEvent,
  OrderPlacedEvent,
  type OrderCancelled,
  type OrderPlaced,
} from '@ms/contracts-order-processing';
import { OnEvent, type EventContext } from '@ms/platform-messaging';
import { User } from './user.entity';

/**
 * Keeps each account's order count from order-processing's events: +1 when an order is placed, -1 when it is
 * cancelled. Each change commits with the event's processed mark, so a redelivery never counts twice. The two events
 * of one order may arrive in either order (a retried delivery can be overtaken); the sum comes out right either way.
 * Orders of users this service does not know change nothing.
 */
@Injectable()
export class OrderEvents {
  @OnEvent(OrderPlacedEvent)
  async countPlacedOrder(order: OrderPlaced, { manager }: EventContext<OrderPlaced>): Promise<void> {
    await addToOrderCount(manager, order.userId, +1);
  }

  @OnEvent(OrderCancelledEvent)
  async uncountCancelledOrder(order: OrderCancelled, { manager }: EventContext<OrderCancelled>): Promise<void> {
    await addToOrderCount(manager, order.userId, -1);
  }
}

/** `userId` is a UUID: the platform checked the payload against the event's contract before this handler ran. */
async function addToOrderCount(manager: EventContext['manager'], userId: string, change: 1 | -1): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(User)
    .set({ orderCount: () => `"order_count" + ${change}` })
    .where('id = :userId', { userId })
    .execute();
}
