import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import type { OrderStatus } from '@ms/contracts-order-processing';

/** PostgreSQL `bigint` arrives as a string; our amounts stay far below 2^53, so numbers are exact. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity({ name: 'orders' })
// listOrders: a user's orders, newest first.
@Index('IDX_orders_user_id_created_at', ['userId', 'createdAt'])
// placeOrder: one order per (user, Idempotency-Key). This index decides concurrent retries.
@Index('UQ_orders_user_id_idempotency_key', ['userId', 'idempotencyKey'], { unique: true })
// Unpaid orders oldest first: what UnpaidOrders cancels after the timeout (only the few `placed` rows are indexed).
@Index('IDX_orders_unpaid_created_at', ['createdAt'], { where: `"status" = 'placed'` })
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  /** Why the system moved the order to its status (e.g. a cancellation for lack of stock); null otherwise. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintAsNumber })
  totalCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: 'EUR';

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  /** SHA-256 (hex) of the canonical request body the key was first used with. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => OrderItem, (item) => item.order)
  items?: OrderItem[];
}

/** One product line of an order, with the name and price product-search gave when the order was placed. */
@Entity({ name: 'order_items' })
export class OrderItem {
  // The primary key (order_id, product_id) also serves "the items of these orders" and forbids duplicate products.
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId!: string;

  /** Position of the line in the request, so items come back in the order they were asked for. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'unit_price_cents', type: 'integer' })
  unitPriceCents!: number;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'line_total_cents', type: 'bigint', transformer: bigintAsNumber })
  lineTotalCents!: number;

  @ManyToOne(() => Order, (order) => order.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;
}
