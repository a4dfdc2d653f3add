import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import type { ServiceCaller, ServiceDescriptor, ServiceRequest } from '@ms/contracts-common';
import { ProductSearchClient, type ProductDto, type ProductLookupDto } from '@ms/contracts-product-search';
import { ProductPricesService } from './product-prices.service';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const product = (n: number, fields: Partial<ProductDto> = {}): ProductDto => ({
  id: id(n),
  sku: `SKU-${n}`,
  name: `Product ${n}`,
  description: '',
  category: 'Test',
  priceCents: 100 * n,
  currency: 'EUR',
  stock: 10,
  imageUrl: `/products/${id(n)}/image`,
  createdAt: new Date(0).toISOString(),
  ...fields,
});

/** product-search behind the typed client: answers a fixed catalogue (or fails), and records every call. */
class FakeProductSearch implements ServiceCaller {
  readonly calls: ServiceRequest[] = [];
  constructor(private readonly answer: (ids: string[]) => unknown) {}
  async call<T>(_target: ServiceDescriptor, request: ServiceRequest): Promise<T> {
    this.calls.push(request);
    return this.answer((request.body as { ids: string[] }).ids) as T;
  }
}

const catalogue = (products: ProductDto[]) => (ids: string[]) => {
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    items: ids.flatMap((i) => byId.get(i) ?? []),
    unknownIds: ids.filter((i) => !byId.has(i)),
  } satisfies ProductLookupDto;
};

function pricesWith(answer: (ids: string[]) => unknown) {
  const productSearch = new FakeProductSearch(answer);
  return { productSearch, prices: new ProductPricesService(new ProductSearchClient(productSearch)) };
}

describe('ProductPricesService', () => {
  it('prices every line of an order with one call to product-search', async () => {
    const { productSearch, prices } = pricesWith(catalogue([product(1), product(2), product(3)]));
    const found = await prices.lookUp([id(3), id(1), id(2)]);
    expect(productSearch.calls).toEqual([
      { method: 'POST', path: '/products/lookup', body: { ids: [id(3), id(1), id(2)] } },
    ]);
    expect([...found.values()]).toEqual([
      { id: id(3), name: 'Product 3', priceCents: 300, stock: 10 },
      { id: id(1), name: 'Product 1', priceCents: 100, stock: 10 },
      { id: id(2), name: 'Product 2', priceCents: 200, stock: 10 },
    ]);
  });

  it('answers 422 naming every unknown product, in request order', async () => {
    const { productSearch, prices } = pricesWith(catalogue([product(2)]));
    await expect(prices.lookUp([id(9), id(2), id(7)])).rejects.toMatchObject({
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      message: `unknown products: ${id(9)}, ${id(7)}`,
    });
    expect(productSearch.calls).toHaveLength(1);
  });

  it("passes product-search's failure on as the client raised it", async () => {
    // What the InternalHttpClient raises (an UpstreamError: 502 / 503 / 504) must reach the caller untouched.
    const down = new ServiceUnavailableException('product-search is unavailable');
    const { prices } = pricesWith(() => {
      throw down;
    });
    await expect(prices.lookUp([id(1)])).rejects.toBe(down);
  });

  it.each([
    ['a negative price', { priceCents: -1 }, `product-search returned an invalid price for product ${id(1)}`],
    ['a fractional price', { priceCents: 1.5 }, `product-search returned an invalid price for product ${id(1)}`],
    [
      'another currency',
      { currency: 'USD' },
      `product-search returned currency USD for product ${id(1)}; orders are in EUR`,
    ],
    ['no name', { name: undefined }, `product-search returned no name for product ${id(1)}`],
    ['a negative stock', { stock: -2 }, `product-search returned an invalid stock for product ${id(1)}`],
  ])('answers 502 for %s', async (_case, fields, message) => {
    const { prices } = pricesWith(catalogue([product(1, fields as Partial<ProductDto>), product(2)]));
    await expect(prices.lookUp([id(2), id(1)])).rejects.toMatchObject({ status: HttpStatus.BAD_GATEWAY, message });
  });

  it('answers 502 for an answer without its list of items', async () => {
    for (const answer of [null, {}, { items: 'none' }]) {
      const { prices } = pricesWith(() => answer);
      await expect(prices.lookUp([id(1)])).rejects.toMatchObject({
        status: HttpStatus.BAD_GATEWAY,
        message: 'product-search answered a product look-up without its items',
      });
    }
  });
});
