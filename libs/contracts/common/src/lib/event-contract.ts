/**
 * An event a service publishes, as declared in its contracts library: the type (its routing key), a version and,
 * as a type only, the payload. Subscribers import the constant from the publisher's contracts lib, so publisher and
 * consumers share one name and one payload shape:
 *
 * ```ts
 * export interface OrderPlaced { orderId: string; userId: string }
 * export const OrderPlacedEvent = defineEvent<OrderPlaced>('order.placed');
 * ```
 */
export interface EventContract<T = unknown> {
  /** Lower-case words separated by dots (or hyphens inside a word), e.g. `order.placed`, `stock.reservation-failed`. */
  readonly type: string;
  /** Bumped when the payload changes incompatibly. */
  readonly version: number;
  /** Never set at runtime: carries the payload type. */
  readonly payload?: T;
}

/** The payload type of an EventContract. */
export type PayloadOf<E> = E extends EventContract<infer T> ? T : never;

const EVENT_TYPE_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export function defineEvent<T>(type: string, version = 1): EventContract<T> {
  if (!EVENT_TYPE_PATTERN.test(type)) {
    throw new Error(`event type "${type}" must be lower-case words separated by dots, e.g. "order.placed"`);
  }
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(`event "${type}": version must be a positive integer, got ${version}`);
  }
  return { type, version };
}
