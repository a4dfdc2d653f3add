import { defineEvent } from '@ms/contracts-common';

/**
 * Events order-processing publishes (through its transactional outbox: an event exists if and only if the change
 * that caused it committed). Subscribers import these constants; payloads only grow compatibly within a version.
 */

/** One line of a placed order. */
export interface OrderedProduct {
  readonly productId: string;
  readonly quantity: number;
}

/** An order was accepted. product-search takes the units off its stock; user-management counts the purchase. */
export interface OrderPlaced {
  readonly orderId: string;
  readonly userId: string;
  readonly items: readonly OrderedProduct[];
  readonly totalCents: number;
  readonly currency: 'EUR';
}
export const OrderPlacedEvent = defineEvent<OrderPlaced>('order.placed');

/** An order was cancelled (by request, or because its stock could not be reserved). Stock reserved for it returns. */
export interface OrderCancelled {
  readonly orderId: string;
  readonly userId: string;
  readonly reason: string;
}
export const OrderCancelledEvent = defineEvent<OrderCancelled>('order.cancelled');
