import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { defineEvent } from '@ms/contracts-common';

/** Events product-search publishes (through its transactional outbox). */

/** A line of an order that the stock could not cover. */
export class StockShortfall {
  @IsUUID()
  readonly productId!: string;

  /** The product's name, or null when the product does not exist (any more). */
  @ValidateIf((_shortfall, name) => name !== null)
  @IsString()
  readonly name!: string | null;

  @IsInt()
  @Min(1)
  readonly requested!: number;

  @IsInt()
  @Min(0)
  readonly available!: number;
}

/**
 * The stock for a placed order could not be reserved (another order took the last units between the order's check and
 * its reservation). Nothing was taken off the stock; order-processing cancels the order.
 */
export class StockReservationFailed {
  @IsUUID()
  readonly orderId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => StockShortfall)
  readonly shortfalls!: readonly StockShortfall[];
}
export const StockReservationFailedEvent = defineEvent('stock.reservation-failed', StockReservationFailed);
