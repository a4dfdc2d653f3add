import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type Repository } from 'typeorm';
import {
  DEFAULT_ORDER_LIST_LIMIT,
  ORDER_STATUS_TRANSITIONS,
  OrderCancelledEvent,
  OrderPlacedEvent,
  statusesLeadingTo,
  type ListOrdersQueryDto,
  type OrderDto,
  type OrderListDto,
  type OrderStatus,
  type PlaceOrderDto,
} from '@ms/contracts-order-processing';
import { isUniqueViolation } from '@ms/platform-database';
import { EventBus } from '@ms/platform-messaging';
import { Order, OrderItem } from './order.entity';
import { ProductPricesService, type PricedProduct } from './product-prices.service';
import { hashOrderRequest, normalizeOrderRequest } from './request-hash';

export function toOrderDto(order: Order, items: readonly OrderItem[]): OrderDto {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    statusReason: order.statusReason,
    items: [...items]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        productId: item.productId,
        name: item.name,
        unitPriceCents: item.unitPriceCents,
        quantity: item.quantity,
        lineTotalCents: item.lineTotalCents,
      })),
    totalCents: order.totalCents,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
  };
}

/** The result of placeOrder: the order, and whether this request created it or replayed an earlier one. */
export interface PlacedOrder {
  readonly order: OrderDto;
  readonly created: boolean;
}

@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderItem) private readonly items: Repository<OrderItem>,
    private readonly prices: ProductPricesService,
    private readonly events: EventBus,
  ) {}

  /**
   * Places an order at most once per (userId, idempotency key). The key and a hash of the request are stored on the
   * order row, in the same transaction as its items, under a unique index: a retry finds the order and returns it
   * (409 if the request differs); concurrent first attempts all try to insert, the index lets exactly one win and
   * the others return the winner's order.
   *
   * An order for more than product-search has in stock is refused (409 naming the products). The order and its
   * `order.placed` event commit together; product-search then takes the units off its stock (or, if another order
   * took them first, answers `stock.reservation-failed` and the order is cancelled, see StockEvents).
   */
  async place(input: PlaceOrderDto, idempotencyKey: string): Promise<PlacedOrder> {
    const request = normalizeOrderRequest(input);
    const requestHash = hashOrderRequest(request);

    const earlier = await this.findByKey(request.userId, idempotencyKey);
    if (earlier) return this.replay(earlier, requestHash, idempotencyKey);

    const products = await this.prices.lookUp(request.items.map((item) => item.productId));
    const lines = request.items.map((item, position) => {
      const product = products.get(item.productId);
      if (!product) throw new Error(`price of ${item.productId} missing after look-up`);
      return {
        productId: item.productId,
        position,
        name: product.name,
        unitPriceCents: product.priceCents,
        quantity: item.quantity,
        lineTotalCents: product.priceCents * item.quantity,
      };
    });
    const totalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
    refuseUnlessInStock(request.items, products);

    try {
      const { order, items } = await this.dataSource.transaction(async (manager) => {
        const order = await manager.save(
          manager.create(Order, {
            userId: request.userId,
            status: 'placed',
            statusReason: null,
            totalCents,
            currency: 'EUR',
            idempotencyKey,
            requestHash,
          }),
        );
        const items = lines.map((line) => manager.create(OrderItem, { ...line, orderId: order.id }));
        await manager.insert(OrderItem, items);
        await this.events.publishInTransaction(manager, OrderPlacedEvent, {
          orderId: order.id,
          userId: order.userId,
          items: request.items.map(({ productId, quantity }) => ({ productId, quantity })),
          totalCents,
          currency: 'EUR',
        });
        return { order, items };
      });
      return { order: toOrderDto(order, items), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent request with the same key committed first: its order is the answer.
      const winner = await this.findByKey(request.userId, idempotencyKey);
      if (!winner) throw error;
      return this.replay(winner, requestHash, idempotencyKey);
    }
  }

  async list({ userId, limit = DEFAULT_ORDER_LIST_LIMIT }: ListOrdersQueryDto): Promise<OrderListDto> {
    const orders = await this.orders.find({
      where: { userId: userId.toLowerCase() },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    const items = orders.length > 0 ? await this.items.findBy({ orderId: In(orders.map((order) => order.id)) }) : [];
    const itemsByOrder = new Map<string, OrderItem[]>();
    for (const item of items) itemsByOrder.set(item.orderId, [...(itemsByOrder.get(item.orderId) ?? []), item]);
    return { items: orders.map((order) => toOrderDto(order, itemsByOrder.get(order.id) ?? [])) };
  }

  async get(id: string): Promise<OrderDto> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new NotFoundException(`order ${id} not found`);
    return toOrderDto(order, await this.items.findBy({ orderId: id }));
  }

  /** setOrderStatus: moves the order (see transition); 404 when missing, 409 naming both states otherwise. */
  async setStatus(id: string, next: OrderStatus): Promise<OrderDto> {
    const moved = await this.dataSource.transaction((manager) => this.transition(manager, id, next, null));
    if (moved) return this.get(id);
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new NotFoundException(`order ${id} not found`);
    const allowed = ORDER_STATUS_TRANSITIONS[order.status];
    throw new ConflictException(
      `order ${id} cannot go from ${order.status} to ${next}` +
        (allowed.length > 0
          ? ` (from ${order.status} it may go to: ${allowed.join(', ')})`
          : ` (${order.status} is final)`),
    );
  }

  /**
   * Moves an order along its lifecycle in the caller's transaction, with one conditional UPDATE (only from a status
   * that may lead to `next`), so two concurrent changes cannot both succeed from the same state. A cancellation
   * publishes `order.cancelled` in the same transaction (product-search gives the units back). False when the order
   * is missing or cannot go to `next`.
   */
  async transition(manager: EntityManager, id: string, next: OrderStatus, reason: string | null): Promise<boolean> {
    const from = statusesLeadingTo(next);
    if (from.length === 0) return false;
    const result = await manager
      .createQueryBuilder()
      .update(Order)
      .set({ status: next, statusReason: reason })
      .where('id = :id AND status IN (:...from)', { id, from })
      .returning(['userId'])
      .execute();
    const moved = (result.raw as { user_id: string }[])[0];
    if (!moved) return false;
    if (next === 'cancelled') {
      await this.events.publishInTransaction(manager, OrderCancelledEvent, {
        orderId: id,
        userId: moved.user_id,
        reason: reason ?? 'requested',
      });
    }
    return true;
  }

  private findByKey(userId: string, idempotencyKey: string): Promise<Order | null> {
    return this.orders.findOneBy({ userId, idempotencyKey });
  }

  private async replay(order: Order, requestHash: string, idempotencyKey: string): Promise<PlacedOrder> {
    if (order.requestHash !== requestHash) {
      throw new ConflictException(
        `Idempotency-Key ${idempotencyKey} was already used for order ${order.id} with a different request; ` +
          'use a new key for a new order',
      );
    }
    return { order: toOrderDto(order, await this.items.findBy({ orderId: order.id })), created: false };
  }
}

/** 409 naming every line that asks for more than product-search has in stock right now. */
function refuseUnlessInStock(
  items: readonly { productId: string; quantity: number }[],
  products: ReadonlyMap<string, PricedProduct>,
): void {
  const short = items.flatMap((item) => {
    const product = products.get(item.productId);
    return product && item.quantity > product.stock ? [{ ...product, quantity: item.quantity }] : [];
  });
  if (short.length === 0) return;
  throw new ConflictException(
    'not enough stock: ' +
      short
        .map(({ name, stock, quantity }) =>
          stock === 0 ? `${name} is sold out` : `${name} has ${stock} left (${quantity} ordered)`,
        )
        .join('; '),
  );
}
