/** Where an order is in its life. */
export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The lifecycle: placed → paid → shipped, and placed | paid → cancelled. Shipped and cancelled are final. */
export const ORDER_STATUS_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  placed: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_STATUS_TRANSITIONS[from].includes(to);
}

/** The statuses an order may be in for `to` to be a valid next status. */
export function statusesLeadingTo(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => canTransition(from, to));
}

/** Header that makes `placeOrder` safe to retry (required). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** 8–128 characters of letters, digits, `_` and `-` (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
/** Response header set to `true` when `placeOrder` answered with an order created by an earlier request. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
