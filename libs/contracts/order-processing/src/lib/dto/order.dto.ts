import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '../order-status';
import { DEFAULT_ORDER_LIST_LIMIT, MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS, MAX_ORDER_LIST_LIMIT } from '../order-limits';

export { DEFAULT_ORDER_LIST_LIMIT, MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS, MAX_ORDER_LIST_LIMIT } from '../order-limits';

/** Lower-cased productId of an item, so `A…` and `a…` count as the same product. */
const productKey = (item: unknown): unknown => {
  const productId = (item as { productId?: unknown } | null)?.productId;
  return typeof productId === 'string' ? productId.toLowerCase() : productId;
};

/** One line of an order as the caller asks for it: which product, how many. Prices come from product-search. */
export class PlaceOrderItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'productId must be a UUID' })
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_ITEM_QUANTITY, example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_ITEM_QUANTITY)
  quantity!: number;
}

export class PlaceOrderDto {
  @ApiProperty({ format: 'uuid', description: 'The user the order belongs to (user-management id).' })
  @IsUUID(undefined, { message: 'userId must be a UUID' })
  userId!: string;

  @ApiProperty({
    type: [PlaceOrderItemDto],
    minItems: 1,
    maxItems: MAX_ORDER_ITEMS,
    description: 'Each product at most once.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_ITEMS)
  @ArrayUnique(productKey, { message: 'items must not list the same productId twice' })
  @ValidateNested({ each: true })
  @Type(() => PlaceOrderItemDto)
  items!: PlaceOrderItemDto[];
}

export class ListOrdersQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'userId must be a UUID' })
  userId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ORDER_LIST_LIMIT, default: DEFAULT_ORDER_LIST_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ORDER_LIST_LIMIT)
  limit?: number;
}

export class SetOrderStatusDto {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES, { message: `status must be one of: ${ORDER_STATUSES.join(', ')}` })
  status!: OrderStatus;
}

/** One line of a placed order: the product's name and price as they were when the order was placed. */
export class OrderItemDto {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Price of one unit in cents, from product-search at placement.' })
  unitPriceCents!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_ITEM_QUANTITY })
  quantity!: number;

  @ApiProperty({ type: 'integer', description: 'unitPriceCents × quantity' })
  lineTotalCents!: number;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Why the system moved the order to its status, e.g. why it was cancelled; null otherwise.',
    example: 'out of stock: Walnut Desk Lamp (3 ordered, 1 available)',
  })
  statusReason!: string | null;

  @ApiProperty({ type: [OrderItemDto] })
  items!: OrderItemDto[];

  @ApiProperty({ type: 'integer', description: 'Sum of the line totals, in cents.' })
  totalCents!: number;

  @ApiProperty({ enum: ['EUR'] })
  currency!: 'EUR';

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class OrderListDto {
  @ApiProperty({ type: [OrderDto], description: 'Newest first.' })
  items!: OrderDto[];
}

/** What `placeOrder` sends (the DTO class without its validation decorators, for callers). */
export interface PlaceOrderInput {
  userId: string;
  items: { productId: string; quantity: number }[];
}
