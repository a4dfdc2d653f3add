/**
 * An event a service publishes, as declared in its contracts library: the type (its routing key), a version and the
 * payload's class, whose class-validator rules the platform applies to every payload, published and received.
 * Subscribers import the constant from the publisher's contracts lib, so publisher and consumers share one name and
 * one payload shape:
 *
 * ```ts
 * export class OrderPlaced { @IsUUID() orderId!: string; @IsUUID() userId!: string }
 * export const OrderPlacedEvent = defineEvent('order.placed', OrderPlaced);
 * ```
 */
export interface EventContract<T = unknown> {
  /** Lower-case words separated by dots (or hyphens inside a word), e.g. `order.placed`, `stock.reservation-failed`. */
  readonly type: string;
  /** Bumped when the payload changes incompatibly. */
  readonly version: number;
  /** The payload's shape and rules (class-validator decorators on its fields, class-transformer's for nesting). */
  readonly payloadClass: EventPayloadClass<T>;
}

/** A class whose fields declare an event payload. */
export type EventPayloadClass<T> = new () => T;

/** The payload type of an EventContract. */
export type PayloadOf<E> = E extends EventContract<infer T> ? T : never;

const EVENT_TYPE_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export function defineEvent<T extends object>(
  type: string,
  payloadClass: EventPayloadClass<T>,
  version = 1,
): EventContract<T> {
  if (!EVENT_TYPE_PATTERN.test(type)) {
    throw new Error(`event type "${type}" must be lower-case words separated by dots, e.g. "order.placed"`);
  }
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(`event "${type}": version must be a positive integer, got ${version}`);
  }
  if (typeof payloadClass !== 'function') {
    throw new Error(`event "${type}": its payload class is missing`);
  }
  return { type, version, payloadClass };
}
