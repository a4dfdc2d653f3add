import { buildPath, type ServiceCaller } from '@ms/contracts-common';
import { PRODUCT_SEARCH_SERVICE } from './product-search.service';
import type { InfoDto } from './dto/info.dto';
import type {
  CategoryListDto,
  ProductDto,
  ProductLookupDto,
  ProductPageDto,
  SearchProductsQuery,
} from './dto/product.dto';

/**
 * Typed calls to product-search for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new ProductSearchClient(internalHttpClient)`.
 */
export class ProductSearchClient {
  constructor(private readonly caller: ServiceCaller) {}

  info(): Promise<InfoDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: '/info' });
  }

  /** One product; a missing one rejects with the callee's 404 (a malformed id with its 400). */
  getProduct(id: string): Promise<ProductDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: buildPath('/products/:id', { id }) });
  }

  /**
   * Many products in one request (order-processing only): the found ones and the unknown ids. At most
   * MAX_LOOKUP_IDS ids, each a UUID, else the callee's 400.
   */
  lookUpProducts(ids: readonly string[]): Promise<ProductLookupDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'POST', path: '/products/lookup', body: { ids } });
  }

  /** A page of products matching `query` (text, category, price range, sort, paging). */
  search(query: SearchProductsQuery = {}): Promise<ProductPageDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: '/products', query: { ...query } });
  }

  /** Every category with its number of products. */
  categories(): Promise<CategoryListDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: '/categories' });
  }

  /** Path of a product's image on product-search (what `ProductDto.imageUrl` holds). */
  static imagePath(id: string): string {
    return buildPath('/products/:id/image', { id });
  }
}
