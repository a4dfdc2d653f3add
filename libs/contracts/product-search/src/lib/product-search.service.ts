import { type RouteTable, type ServiceDescriptor, type ServiceInfo, type } from '@ms/contracts-common';
import type {
  CategoryListDto,
  LookUpProductsDto,
  ProductDto,
  ProductLookupDto,
  ProductPageDto,
  SearchProductsQuery,
} from './dto/product.dto';

/**
 * product-search's routes, each declared once: the service binds its handlers to them (`@Handles`), the platform
 * checks access and callers by them, the gateway forwards the public ones and the typed client calls them.
 */
export const PRODUCT_SEARCH_ROUTES = {
  info: { method: 'GET', path: '/info', access: 'public', response: type<ServiceInfo>() },
  searchProducts: {
    method: 'GET',
    path: '/products',
    access: 'public',
    query: type<SearchProductsQuery>(),
    response: type<ProductPageDto>(),
  },
  getProduct: { method: 'GET', path: '/products/:id', access: 'public', response: type<ProductDto>() },
  /** The product's image bytes (what `ProductDto.imageUrl` points to). */
  getProductImage: { method: 'GET', path: '/products/:id/image', access: 'public' },
  listCategories: { method: 'GET', path: '/categories', access: 'public', response: type<CategoryListDto>() },
  /** Prices a checkout in one request: for order-processing alone. */
  lookUpProducts: {
    method: 'POST',
    path: '/products/lookup',
    access: 'internal',
    callers: ['order-processing'],
    status: 200,
    body: type<LookUpProductsDto>(),
    response: type<ProductLookupDto>(),
  },
} as const satisfies RouteTable;

/**
 * product-search: a hybrid service owned by team catalog. The catalogue is public (the gateway forwards it); the batch
 * look-up that prices a checkout is for order-processing alone (`callers`, enforced by the platform).
 */
export const PRODUCT_SEARCH_SERVICE = {
  name: 'product-search',
  accessibility: 'hybrid',
  defaultPort: 3101,
  routes: Object.values(PRODUCT_SEARCH_ROUTES),
} as const satisfies ServiceDescriptor;
