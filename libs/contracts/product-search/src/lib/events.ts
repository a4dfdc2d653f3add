import { defineEvent } from '@ms/contracts-common';

/** Events product-search publishes (through its transactional outbox). */

/** A line of an order that the stock could not cover. */
export interface StockShortfall {
  readonly productId: string;
  /** The product's name, or null when the product does not exist (any more). */
  readonly name: string | null;
  readonly requested: number;
  readonly available: number;
}

/**
 * The stock for a placed order could not be reserved (another order took the last units between the order's check and
 * its reservation). Nothing was taken off the stock; order-processing cancels the order.
 */
export interface StockReservationFailed {
  readonly orderId: string;
  readonly shortfalls: readonly StockShortfall[];
}
export const StockReservationFailedEvent = defineEvent<StockReservationFailed>('stock.reservation-failed');
