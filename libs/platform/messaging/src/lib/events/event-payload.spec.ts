import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMinSize, Equals, IsArray, IsInt, IsUUID, Min, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { defineEvent } from './event';
import { checkedPayload, InvalidEventPayloadError, isPermanentFailure } from './event-payload';

class OrderedProduct {
  @IsUUID()
  readonly productId!: string;
  @IsInt()
  @Min(1)
  readonly quantity!: number;
}

class OrderPlaced {
  @IsUUID()
  readonly orderId!: string;
  @IsUUID()
  readonly userId!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OrderedProduct)
  readonly items!: readonly OrderedProduct[];
  @IsInt()
  @Min(0)
  readonly totalCents!: number;
  @Equals('EUR')
  readonly currency!: 'EUR';
}
const OrderPlacedEvent = defineEvent('order.placed', OrderPlaced);

const ORDER = {
  orderId: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  items: [{ productId: '1a2b3c4d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', quantity: 2 }],
  totalCents: 1998,
  currency: 'EUR',
};

function problemsOf(payload: unknown, side: 'publish' | 'receive' = 'receive'): readonly string[] {
  try {
    checkedPayload(OrderPlacedEvent, payload, side);
  } catch (error) {
    if (error instanceof InvalidEventPayloadError) return error.problems;
    throw error;
  }
  return [];
}

describe('event payloads against their contract', () => {
  it('passes a payload that keeps the contract, as an instance of its class', () => {
    const payload = checkedPayload(OrderPlacedEvent, ORDER, 'receive');
    expect(payload).toBeInstanceOf(OrderPlacedEvent.payloadClass);
    expect(payload).toEqual(ORDER);
  });

  it('names every problem, nested ones with their path', () => {
    expect(
      problemsOf({ ...ORDER, orderId: 'nope', items: [{ productId: ORDER.items[0].productId, quantity: 0 }] }),
    ).toEqual(['orderId must be a UUID', 'items.0.quantity: quantity must not be less than 1']);
    expect(problemsOf({ ...ORDER, currency: 'USD' })).toEqual(['currency must be equal to EUR']);
  });

  it('refuses undeclared fields when publishing, and drops them when receiving (newer publishers may add some)', () => {
    expect(problemsOf({ ...ORDER, coupon: 'FREE' }, 'publish')).toEqual(['property coupon should not exist']);
    expect(checkedPayload(OrderPlacedEvent, { ...ORDER, coupon: 'FREE' }, 'receive')).not.toHaveProperty('coupon');
  });

  it('refuses what is not a JSON object', () => {
    for (const payload of [null, 'order', 42, [ORDER]]) {
      expect(problemsOf(payload)).toEqual(['the payload must be a JSON object']);
    }
  });

  it('marks a broken payload as a permanent failure, and nothing else', () => {
    expect(isPermanentFailure(new InvalidEventPayloadError('order.placed', ['x']))).toBe(true);
    expect(isPermanentFailure(new Error('database is down'))).toBe(false);
  });

  it('answers any JSON at all with a payload or an InvalidEventPayloadError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          // near misses: a good order with one field replaced by anything
          fc
            .tuple(fc.constantFrom(...Object.keys(ORDER)), fc.jsonValue())
            .map(([key, value]) => ({ ...ORDER, [key]: value })),
          fc.array(fc.jsonValue()).map((items) => ({ ...ORDER, items })),
        ),
        (payload) => {
          problemsOf(payload);
        },
      ),
      { numRuns: 300 },
    );
  });
});
