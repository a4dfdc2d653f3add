import { BadGatewayException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ProductSearchClient, type ProductDto } from '@ms/contracts-product-search';
import { UpstreamError } from '@ms/platform-core';

/** How many product look-ups one order sends to product-search at a time. */
export const PRICE_LOOKUP_CONCURRENCY = 8;
const MAX_UNIT_PRICE_CENTS = 2_147_483_647; // the order_items.unit_price_cents column is a PostgreSQL integer

/** What an order needs to know of a product: its name, current price and units in stock. */
export interface PricedProduct {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly stock: number;
}

/**
 * Current names, prices and stock from product-search, never from the caller. Looks products up in parallel, at most
 * PRICE_LOOKUP_CONCURRENCY at a time, and stops starting new look-ups once product-search fails.
 *
 * Unknown products (product-search answers 404) → 422 naming every one of them. product-search unreachable, slow or
 * failing → the InternalHttpClient's 503 / 504 / 502. A product with an unusable price or currency → 502.
 */
@Injectable()
export class ProductPricesService {
  constructor(private readonly products: ProductSearchClient) {}

  async lookUp(productIds: readonly string[]): Promise<Map<string, PricedProduct>> {
    const found = new Map<string, PricedProduct>();
    const unknown = new Set<string>();
    let failure: { error: unknown } | undefined;
    let next = 0;

    const worker = async () => {
      while (!failure && next < productIds.length) {
        const id = productIds[next++];
        try {
          found.set(id, priced(id, await this.products.getProduct(id)));
        } catch (error) {
          if (error instanceof UpstreamError && error.upstreamStatus === 404) unknown.add(id);
          else failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PRICE_LOOKUP_CONCURRENCY, productIds.length) }, worker));

    if (failure) throw failure.error;
    if (unknown.size > 0) {
      const ids = productIds.filter((id) => unknown.has(id));
      throw new UnprocessableEntityException(`unknown product${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`);
    }
    return found;
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
