import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  OrderCancelledEvent,
  OrderPlacedEvent,
  type OrderCancelled,
  type OrderedProduct,
  type OrderPlaced,
} from '@ms/contracts-order-processing';
import { StockReservationFailedEvent, type StockShortfall } from '@ms/contracts-product-search';
import { EventBus, OnEvent, type EventContext } from '@ms/platform-messaging';
import { StockReservation } from './stock-reservation.entity';

/**
 * Keeps the stock in step with orders, from order-processing's events. Each handler runs in the transaction that also
 * records the event as processed, so a redelivered event never takes or returns units twice.
 *
 * order-processing refuses an order for more than the stock shows; two orders can still race for the last units.
 * The reservation decides (product rows locked, all lines or none) and reports a refusal with
 * `stock.reservation-failed`, on which order-processing cancels the order.
 */
@Injectable()
export class StockReservations {
  private readonly logger = new Logger(StockReservations.name);

  constructor(private readonly events: EventBus) {}

  @OnEvent(OrderPlacedEvent)
  async reserveForOrder(order: OrderPlaced, { manager }: EventContext<OrderPlaced>): Promise<void> {
    const items = mergedLines(order);
    if (await this.lockReservation(manager, order.orderId)) return; // handled, or cancelled before it arrived

    const ids = [...new Set(items.map((item) => item.productId))].sort();
    // Locked in id order, so concurrent reservations of overlapping products cannot deadlock.
    const rows: { id: string; name: string; stock: number }[] = await manager.query(
      `SELECT "id", "name", "stock" FROM "products" WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`,
      [ids],
    );
    const products = new Map(rows.map((row) => [row.id, row]));
    const shortfalls: StockShortfall[] = items
      .map((item) => ({ item, product: products.get(item.productId) }))
      .filter(({ item, product }) => (product?.stock ?? 0) < item.quantity)
      .map(({ item, product }) => ({
        productId: item.productId,
        name: product?.name ?? null,
        requested: item.quantity,
        available: product?.stock ?? 0,
      }));

    if (shortfalls.length > 0) {
      await manager.insert(StockReservation, { orderId: order.orderId, status: 'rejected', items: [] });
      await this.events.publishInTransaction(manager, StockReservationFailedEvent, {
        orderId: order.orderId,
        shortfalls,
      });
      this.logger.warn(`order ${order.orderId}: stock not reserved (${shortfalls.map(describeShortfall).join('; ')})`);
      return;
    }
    await adjustStock(manager, items, -1);
    await manager.insert(StockReservation, { orderId: order.orderId, status: 'reserved', items });
  }

  @OnEvent(OrderCancelledEvent)
  async releaseForOrder(cancelled: OrderCancelled, { manager }: EventContext<OrderCancelled>): Promise<void> {
    const reservation = await this.lockReservation(manager, cancelled.orderId);
    if (!reservation) {
      // The cancellation overtook its order: remember it, so the late order.placed takes nothing.
      await manager.insert(StockReservation, { orderId: cancelled.orderId, status: 'released', items: [] });
      return;
    }
    if (reservation.status !== 'reserved') return;
    await adjustStock(manager, reservation.items, +1);
    await manager.update(StockReservation, { orderId: cancelled.orderId }, { status: 'released' });
  }

  private lockReservation(manager: EntityManager, orderId: string): Promise<StockReservation | null> {
    return manager.findOne(StockReservation, { where: { orderId }, lock: { mode: 'pessimistic_write' } });
  }
}

/** Adds (`+1`) or takes (`-1`) each line's quantity in one statement. Products deleted since are skipped. */
async function adjustStock(manager: EntityManager, items: readonly OrderedProduct[], direction: 1 | -1): Promise<void> {
  if (items.length === 0) return;
  await manager.query(
    `UPDATE "products" AS p SET "stock" = p."stock" + $2 * line."quantity"
       FROM jsonb_to_recordset($1::jsonb) AS line("productId" uuid, "quantity" integer)
      WHERE p."id" = line."productId"`,
    [JSON.stringify(items), direction],
  );
}

/** The order's lines, one per product (the platform has checked the payload against the event's contract). */
function mergedLines(order: OrderPlaced): OrderedProduct[] {
  const quantities = new Map<string, number>();
  for (const item of order.items) {
    const id = item.productId.toLowerCase();
    quantities.set(id, (quantities.get(id) ?? 0) + item.quantity);
  }
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

function describeShortfall(shortfall: StockShortfall): string {
  return `${shortfall.name ?? `unknown product ${shortfall.productId}`}: ${shortfall.requested} ordered, ${shortfall.available} available`;
}
