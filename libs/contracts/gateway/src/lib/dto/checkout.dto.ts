import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, ValidateNested } from 'class-validator';
import { MAX_ORDER_ITEMS, PlaceOrderItemDto } from '@ms/contracts-order-processing';

/** Header that makes a checkout safe to retry: one value per checkout attempt, reused on every retry of it. */
export const CHECKOUT_IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const EMPTY_CART_MESSAGE = 'the cart is empty: add at least one product before checking out';

/** The `checkout` route's body: the logged-in user's cart (the user comes from the bearer token, never the body). */
export class CheckoutDto {
  @ApiProperty({
    type: [PlaceOrderItemDto],
    minItems: 1,
    maxItems: MAX_ORDER_ITEMS,
    description: 'The cart: each product at most once, with its quantity.',
  })
  @IsArray({ message: 'items must be an array of { productId, quantity }' })
  @ArrayNotEmpty({ message: EMPTY_CART_MESSAGE })
  @ArrayMaxSize(MAX_ORDER_ITEMS, { message: `the cart holds at most ${MAX_ORDER_ITEMS} different products` })
  @ArrayUnique(productKey, { message: 'items must not list the same productId twice' })
  @ValidateNested({ each: true })
  @Type(() => PlaceOrderItemDto)
  items!: PlaceOrderItemDto[];
}

function productKey(item: unknown): unknown {
  const productId = (item as { productId?: unknown } | null)?.productId;
  return typeof productId === 'string' ? productId.toLowerCase() : productId;
}
