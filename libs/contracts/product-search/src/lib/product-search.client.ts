import { callRoute, routePath, type ServiceCaller } from '@ms/contracts-common';
import { PRODUCT_SEARCH_ROUTES as ROUTES, PRODUCT_SEARCH_SERVICE } from './product-search.service';
import type { SearchProductsQuery } from './dto/product.dto';

/**
 * Typed calls to product-search for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new ProductSearchClient(internalHttpClient)`.
 */
export class ProductSearchClient {
  constructor(private readonly caller: ServiceCaller) {}

  info() {
    return callRoute(this.caller, PRODUCT_SEARCH_SERVICE, ROUTES.info);
  }

  /** One product; a missing one rejects with the callee's 404 (a malformed id with its 400). */
  getProduct(id: string) {
    return callRoute(this.caller, PRODUCT_SEARCH_SERVICE, ROUTES.getProduct, { params: { id } });
  }

  /**
   * Many products in one request (order-processing only): the found ones and the unknown ids. At most
   * MAX_LOOKUP_IDS ids, each a UUID, else the callee's 400.
   */
  lookUpProducts(ids: readonly string[]) {
    return callRoute(this.caller, PRODUCT_SEARCH_SERVICE, ROUTES.lookUpProducts, { body: { ids: [...ids] } });
  }

  /** A page of products matching `query` (text, category, price range, sort, paging). */
  search(query: SearchProductsQuery = {}) {
    return callRoute(this.caller, PRODUCT_SEARCH_SERVICE, ROUTES.searchProducts, { query });
  }

  /** Every category with its number of products. */
  categories() {
    return callRoute(this.caller, PRODUCT_SEARCH_SERVICE, ROUTES.listCategories);
  }

  /** Path of a product's image on product-search (what `ProductDto.imageUrl` holds). */
  static imagePath(id: string): string {
    return routePath(ROUTES.getProductImage, { id });
  }
}
