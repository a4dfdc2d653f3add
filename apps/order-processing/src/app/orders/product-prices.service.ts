import { BadGatewayException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ProductSearchClient, type ProductDto, type ProductLookupDto } from '@ms/contracts-product-search';

const MAX_UNIT_PRICE_CENTS = 2_147_483_647; // the order_items.unit_price_cents column is a PostgreSQL integer

/** What an order needs to know of a product: its name, current price and units in stock. */
export interface PricedProduct {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly stock: number;
}

/**
 * Current names, prices and stock from product-search, never from the caller: one call of its `lookUpProducts` route
 * per order, whatever its number of lines (the contract bounds it to MAX_ORDER_ITEMS, as PlaceOrderDto does).
 *
 * Unknown products (no item for them in the answer) → 422 naming every one of them, in request order. product-search
 * unreachable, slow or failing → the InternalHttpClient's 503 / 504 / 502. A product with an unusable price,
 * currency, name or stock, or an answer without its list of items → 502.
 */
@Injectable()
export class ProductPricesService {
  constructor(private readonly products: ProductSearchClient) {}

  /** Keyed by the ids as given; product-search answers lower-cased ids (uuid), so they are matched lower-cased. */
  async lookUp(productIds: readonly string[]): Promise<Map<string, PricedProduct>> {
    const answer: Partial<ProductLookupDto> | null = await this.products.lookUpProducts(productIds);
    if (!Array.isArray(answer?.items)) {
      throw new BadGatewayException('product-search answered a product look-up without its items');
    }
    const byId = new Map<string, unknown>();
    for (const product of answer.items as unknown[]) {
      const id = (product as Partial<ProductDto> | null)?.id;
      if (typeof id === 'string') byId.set(id.toLowerCase(), product);
    }
    const unknown = productIds.filter((id) => !byId.has(id.toLowerCase()));
    if (unknown.length > 0) {
      throw new UnprocessableEntityException(`unknown product${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    }
    return new Map(productIds.map((id) => [id, priced(id, byId.get(id.toLowerCase()) as ProductDto)]));
  }
}

/** Trusts product-search's answer only as far as an order needs it. */
function priced(id: string, product: ProductDto | null): PricedProduct {
  const { priceCents, currency, name, stock } = (product ?? {}) as Partial<ProductDto>;
  if (
    typeof priceCents !== 'number' ||
    !Number.isInteger(priceCents) ||
    priceCents < 0 ||
    priceCents > MAX_UNIT_PRICE_CENTS
  ) {
    throw new BadGatewayException(`product-search returned an invalid price for product ${id}`);
  }
  if (currency !== 'EUR') {
    throw new BadGatewayException(
      `product-search returned currency ${String(currency)} for product ${id}; orders are in EUR`,
    );
  }
  if (typeof name !== 'string') {
    throw new BadGatewayException(`product-search returned no name for product ${id}`);
  }
  if (typeof stock !== 'number' || !Number.isInteger(stock) || stock < 0) {
    throw new BadGatewayException(`product-search returned an invalid stock for product ${id}`);
  }
  return { id, name, priceCents, stock };
}
