import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ServiceCaller, ServiceDescriptor, ServiceRequest } from '@ms/contracts-common';
import { ProductSearchClient } from './product-search.client';
import { PRODUCT_SEARCH_SERVICE } from './product-search.service';
import { MAX_ORDER_ITEMS } from '@ms/contracts-order-processing';
import { LookUpProductsDto, MAX_LOOKUP_IDS, MAX_PAGE_SIZE, SearchProductsQueryDto } from './dto/product.dto';

/** Records calls instead of sending them: the client's job is to build the right request for the route table. */
class RecordingCaller implements ServiceCaller {
  readonly calls: { target: ServiceDescriptor; request: ServiceRequest }[] = [];
  async call<T>(target: ServiceDescriptor, request: ServiceRequest): Promise<T> {
    this.calls.push({ target, request });
    return {} as T;
  }
}

/** `/products/0b6f…` matches the template `/products/:id`. */
const matchesTemplate = (path: string, template: string) =>
  new RegExp(`^${template.replace(/:\w+/g, '[^/]+')}$`).test(path);

describe('ProductSearchClient', () => {
  const caller = new RecordingCaller();
  const client = new ProductSearchClient(caller);

  beforeEach(() => {
    caller.calls.length = 0;
  });

  it('calls routes that exist in the route table', async () => {
    await client.info();
    await client.getProduct('5f0c7a3e-8a0b-4d47-9f43-0a4c4b1a2f10');
    await client.search({ q: 'lamp' });
    await client.categories();
    await client.lookUpProducts(['5f0c7a3e-8a0b-4d47-9f43-0a4c4b1a2f10']);
    for (const { target, request } of caller.calls) {
      expect(target.name).toBe('product-search');
      const route = PRODUCT_SEARCH_SERVICE.routes.find(
        (r) => r.method === request.method && matchesTemplate(request.path, r.path),
      );
      expect({ call: `${request.method} ${request.path}`, inRouteTable: Boolean(route) }).toEqual({
        call: `${request.method} ${request.path}`,
        inRouteTable: true,
      });
    }
  });

  it('encodes path parameters and passes queries', async () => {
    await client.getProduct('a/b');
    await client.search({
      q: 'desk lamp',
      category: 'Office',
      minPrice: 100,
      sort: 'price_asc',
      page: 2,
      pageSize: 10,
    });
    expect(caller.calls[0].request.path).toBe('/products/a%2Fb');
    expect(caller.calls[1].request).toMatchObject({
      method: 'GET',
      path: '/products',
      query: { q: 'desk lamp', category: 'Office', minPrice: 100, sort: 'price_asc', page: 2, pageSize: 10 },
    });
    expect(ProductSearchClient.imagePath('a/b')).toBe('/products/a%2Fb/image');
  });

  it('looks many products up in one POST, the ids in the body', async () => {
    const ids = ['5f0c7a3e-8a0b-4d47-9f43-0a4c4b1a2f10', '6a1d8b4f-9b1c-4e58-8a54-1b5d5c2b3a21'];
    await client.lookUpProducts(ids);
    expect(caller.calls).toHaveLength(1);
    expect(caller.calls[0].request).toEqual({ method: 'POST', path: '/products/lookup', body: { ids } });
  });

  it('lets only order-processing call the look-up', () => {
    expect(PRODUCT_SEARCH_SERVICE.routes.find((r) => r.path === '/products/lookup')).toMatchObject({
      method: 'POST',
      path: '/products/lookup',
      access: 'internal',
      callers: ['order-processing'],
      status: 200,
    });
  });
});

describe('LookUpProductsDto', () => {
  const messagesOf = (body: Record<string, unknown>) =>
    validateSync(plainToInstance(LookUpProductsDto, body)).flatMap((error) => Object.values(error.constraints ?? {}));
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  it('takes as many ids as an order has lines, and no more', () => {
    expect(MAX_LOOKUP_IDS).toBe(MAX_ORDER_ITEMS);
    expect(messagesOf({ ids: Array.from({ length: MAX_LOOKUP_IDS }, (_, i) => uuid(i)) })).toEqual([]);
    expect(messagesOf({ ids: Array.from({ length: MAX_LOOKUP_IDS + 1 }, (_, i) => uuid(i)) })).toEqual([
      `ids must list at most ${MAX_LOOKUP_IDS} product ids`,
    ]);
  });

  it('names every malformed id, and refuses no ids', () => {
    expect(messagesOf({ ids: [uuid(1), 'lamp', 7] })).toEqual(['ids must be UUIDs; not: "lamp", 7']);
    expect(messagesOf({ ids: [] })).toEqual(['ids must list at least one product id']);
    expect(messagesOf({ ids: uuid(1) })).toContain('ids must be an array of product ids');
    expect(messagesOf({})).toContain('ids must be an array of product ids');
  });
});

describe('SearchProductsQueryDto', () => {
  const errorsOf = (query: Record<string, unknown>) =>
    validateSync(plainToInstance(SearchProductsQueryDto, query)).map((error) => error.property);

  it('accepts a full query given as strings, as it arrives in a URL', () => {
    expect(
      errorsOf({
        q: 'lamp',
        category: 'Office',
        minPrice: '0',
        maxPrice: '5000',
        sort: 'newest',
        page: '3',
        pageSize: '100',
      }),
    ).toEqual([]);
  });

  it('names every bad parameter', () => {
    expect(errorsOf({ pageSize: String(MAX_PAGE_SIZE + 1) })).toEqual(['pageSize']);
    expect(errorsOf({ page: '0' })).toEqual(['page']);
    expect(errorsOf({ minPrice: '-1' })).toEqual(['minPrice']);
    expect(errorsOf({ maxPrice: '9.99' })).toEqual(['maxPrice']);
    expect(errorsOf({ sort: 'cheapest' })).toEqual(['sort']);
    expect(errorsOf({ q: 'x'.repeat(201) })).toEqual(['q']);
  });
});
