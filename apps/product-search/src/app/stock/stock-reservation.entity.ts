import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OrderedProduct } from '@ms/contracts-order-processing';

/** What happened to an order's stock: taken (`reserved`), refused (`rejected`) or given back (`released`). */
export const RESERVATION_STATUSES = ['reserved', 'rejected', 'released'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * One row per order this service has heard of, keyed by the order id: it remembers which units to give back when the
 * order is cancelled, and a cancellation that arrives before its order (a retried delivery can overtake) leaves a
 * `released` row so that the late `order.placed` takes nothing.
 */
@Entity({ name: 'stock_reservations' })
@Check('CHK_stock_reservations_status', `"status" IN ('reserved', 'rejected', 'released')`)
export class StockReservation {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ReservationStatus;

  /** The units taken off the stock for this order (empty unless it was reserved). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  items!: OrderedProduct[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
