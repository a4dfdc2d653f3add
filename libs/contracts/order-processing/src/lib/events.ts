import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '@ms/contracts-common';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS } from './dto/order.dto';

/**
 * Events order-processing publishes (through its transactional outbox: an event exists if and only if the change
 * that caused it committed). Subscribers import these constants; payloads only grow compatibly within a version.
 * The platform checks every payload against these classes when it is published and when it arrives.
 */

/** One line of a placed order. */
export class OrderedProduct {
  @IsUUID()
  readonly productId!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_ITEM_QUANTITY)
  readonly quantity!: number;
}

/** An order was accepted. product-search takes the units off its stock; user-management counts the purchase. */
export class OrderPlaced {
  @IsUUID()
  readonly orderId!: string;

  @IsUUID()
  readonly userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => OrderedProduct)
  readonly items!: readonly OrderedProduct[];

  @IsInt()
  @Min(0)
  readonly totalCents!: number;

  @Equals('EUR')
  readonly currency!: 'EUR';
}
export const OrderPlacedEvent = defineEvent('order.placed', OrderPlaced);

/** An order was cancelled (by request, or because its stock could not be reserved). Stock reserved for it returns. */
export class OrderCancelled {
  @IsUUID()
  readonly orderId!: string;

  @IsUUID()
  readonly userId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  readonly reason!: string;
}
export const OrderCancelledEvent = defineEvent('order.cancelled', OrderCancelled);
