import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import {
  OrderCancelledEvent,
  OrderPlacedEvent,
  type OrderCancelled,
  type OrderPlaced,
} from '@ms/contracts-order-processing';
import { OnEvent, type EventContext } from '@ms/platform-messaging';
import { User } from '../users/user.entity';

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

async function addToOrderCount(manager: EventContext['manager'], userId: unknown, change: 1 | -1): Promise<void> {
  // A malformed event throws: it is retried, then dead-lettered for a person to look at.
  if (typeof userId !== 'string' || !isUUID(userId))
    throw new Error(`order event without a valid userId: ${String(userId)}`);
  await manager
    .createQueryBuilder()
    .update(User)
    .set({ orderCount: () => `"order_count" + ${change}` })
    .where('id = :userId', { userId })
    .execute();
}
