import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  isUUID,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_ORDER_ITEMS } from '@ms/contracts-order-processing';
import { SEARCH_QUERY_MAX_LENGTH } from '../search-limits';

export { SEARCH_QUERY_MAX_LENGTH };

/** Largest page a search returns; a larger `pageSize` is a 400. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Deepest page a search serves (bounds OFFSET scans). */
export const MAX_PAGE = 1000;
/**
 * Counting matches stops here: a search reports at most this `total`, with `totalCapped: true` when there are more
 * ("1,000+"). Counting every one of 100,000 matches would cost more than finding the page itself.
 */
export const MAX_COUNTED_TOTAL = 1000;
/** Highest price filter accepted, in cents (10 million euros). */
export const MAX_PRICE_CENTS = 1_000_000_000;

export const PRODUCT_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** The one currency of the catalogue. */
export const CURRENCY = 'EUR';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Query of `searchProducts` (the catalogue search). Every parameter is optional; a bad one is a 400 naming it. */
export class SearchProductsQueryDto {
  @ApiPropertyOptional({
    description:
      'Full-text search over name and description (web-search syntax: "quoted phrase", or, -exclude); ' +
      'a misspelt word still finds close matches',
    maxLength: SEARCH_QUERY_MAX_LENGTH,
    example: 'desk lamp',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(SEARCH_QUERY_MAX_LENGTH)
  q?: string;

  @ApiPropertyOptional({
    description: 'Exact category name, as listed by listCategories',
    maxLength: 60,
    example: 'Home & Kitchen',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({ description: 'Lowest price in cents (inclusive)', minimum: 0, example: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest price in cents (inclusive)', minimum: 0, example: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  maxPrice?: number;

  @ApiPropertyOptional({
    enum: PRODUCT_SORTS,
    description: 'Default: relevance when q is given, otherwise newest',
  })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'HK-00042' })
  sku!: string;

  @ApiProperty({ example: 'Nordlys Walnut Desk Lamp' })
  name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ example: 'Home & Kitchen' })
  category!: string;

  @ApiProperty({ description: 'Price in cents', example: 4999 })
  priceCents!: number;

  @ApiProperty({ enum: [CURRENCY], example: CURRENCY })
  currency!: 'EUR';

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Units available now (always current, never cached). Each placed order takes its units off shortly after it is placed.',
    example: 12,
  })
  stock!: number;

  @ApiProperty({ description: 'Path of the product image on this service', example: '/products/0b6f…/image' })
  imageUrl!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] })
  items!: ProductDto[];

  @ApiProperty({
    description: `Number of matching products over all pages, counted up to ${MAX_COUNTED_TOTAL} (see totalCapped)`,
    maximum: MAX_COUNTED_TOTAL,
  })
  total!: number;

  @ApiProperty({
    description: `true when more than ${MAX_COUNTED_TOTAL} products match: total is then ${MAX_COUNTED_TOTAL}, an "at least"`,
  })
  totalCapped!: boolean;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}

export class CategoryDto {
  @ApiProperty({ example: 'Home & Kitchen' })
  name!: string;

  @ApiProperty({ description: 'Number of products in the category' })
  count!: number;
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] })
  items!: CategoryDto[];
}

/**
 * Most ids one look-up takes: the most lines an order has, since pricing a checkout is what the look-up is for.
 * Counted as sent, before duplicates are collapsed.
 */
export const MAX_LOOKUP_IDS = MAX_ORDER_ITEMS;

/** Body of `lookUpProducts`: the products to read, by id. */
export class LookUpProductsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_LOOKUP_IDS,
    description: `1 to ${MAX_LOOKUP_IDS} product ids; a repeated id (in any letter case) is looked up once`,
  })
  @IsArray({ message: 'ids must be an array of product ids' })
  @ArrayNotEmpty({ message: 'ids must list at least one product id' })
  @ArrayMaxSize(MAX_LOOKUP_IDS, { message: `ids must list at most ${MAX_LOOKUP_IDS} product ids` })
  @IsUUID(undefined, {
    each: true,
    message: ({ value }) =>
      `ids must be UUIDs; not: ${(Array.isArray(value) ? value : [value])
        .filter((id) => typeof id !== 'string' || !isUUID(id))
        .map((id) => JSON.stringify(id))
        .join(', ')}`,
  })
  ids!: string[];
}

/**
 * Answer of `lookUpProducts`. An id is unknown exactly when no item has it, so a caller may rely on `items`
 * alone (order-processing does); `unknownIds` spares other callers the comparison.
 */
export class ProductLookupDto {
  @ApiProperty({
    type: [ProductDto],
    description:
      'The products found, in the order their ids were first asked for (stock current, as getProduct answers)',
  })
  items!: ProductDto[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The ids asked for that name no product, lower-cased, once each, in the order asked for',
  })
  unknownIds!: string[];
}

/** What `SearchProductsQueryDto` looks like to a caller (a plain object, no class needed). */
export type SearchProductsQuery = Partial<SearchProductsQueryDto>;
