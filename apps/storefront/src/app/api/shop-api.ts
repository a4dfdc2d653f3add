import type {
  PathParams,
  RouteBody,
  RouteQuery,
  RouteResponse,
  RouteSpec,
  ServiceDescriptor,
} from '@ms/contracts-common';
import { edgePath, GATEWAY_ROUTES, GATEWAY_SERVICE } from '@ms/contracts-gateway/routes';
import { IDEMPOTENCY_KEY_HEADER } from '@ms/contracts-order-processing/routes';
import { PRODUCT_SEARCH_ROUTES, PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search/routes';
import { USER_MANAGEMENT_ROUTES, USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management/routes';
import { gatewayUrl } from './gateway-url';

export type Product = RouteResponse<typeof PRODUCT_SEARCH_ROUTES.getProduct>;
export type ProductPage = RouteResponse<typeof PRODUCT_SEARCH_ROUTES.searchProducts>;
export type CategoryList = RouteResponse<typeof PRODUCT_SEARCH_ROUTES.listCategories>;
export type SessionAnswer = RouteResponse<typeof USER_MANAGEMENT_ROUTES.logIn>;
export type User = RouteResponse<typeof USER_MANAGEMENT_ROUTES.getMe>;
export type Order = RouteResponse<typeof GATEWAY_ROUTES.checkout>;
export type OrderList = RouteResponse<typeof GATEWAY_ROUTES.listMyOrders>;
export type LogIn = RouteBody<typeof USER_MANAGEMENT_ROUTES.logIn>;
export type Registration = RouteBody<typeof USER_MANAGEMENT_ROUTES.register>;
export type Checkout = RouteBody<typeof GATEWAY_ROUTES.checkout>;

/** A search as the URL carries it: the declared query parameters, each a string. */
export type SearchParams = {
  [Name in keyof RouteQuery<typeof PRODUCT_SEARCH_ROUTES.searchProducts>]?: string;
};

/** An answer other than 2xx, with the platform's error message; status 0 when the shop could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Any failure of a call as an ApiError (a body cut off midway is the shop being unreachable too). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, error instanceof Error ? error.message : String(error));
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

interface CallOptions<Route extends RouteSpec> {
  readonly params?: PathParams<Route['path']>;
  readonly query?: URLSearchParams;
  readonly body?: RouteBody<Route>;
  /** Sends the logged-in user's access token. */
  readonly auth?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The gateway's public API as the storefront uses it: each call is a declared route, typed by its declaration. */
export class ShopApi {
  constructor(
    /** The access token of the logged-in user, if any. */
    private readonly accessToken: () => string | undefined,
    private readonly fetchFn: Fetch = (url, init) => fetch(url, init),
  ) {}

  searchProducts(search: SearchParams): Promise<ProductPage> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(search)) if (value) query.set(name, value);
    return this.call(PRODUCT_SEARCH_SERVICE, PRODUCT_SEARCH_ROUTES.searchProducts, { query });
  }

  getProduct(id: string): Promise<Product> {
    return this.call(PRODUCT_SEARCH_SERVICE, PRODUCT_SEARCH_ROUTES.getProduct, { params: { id } });
  }

  listCategories(): Promise<CategoryList> {
    return this.call(PRODUCT_SEARCH_SERVICE, PRODUCT_SEARCH_ROUTES.listCategories, {});
  }

  logIn(body: LogIn): Promise<SessionAnswer> {
    return this.call(USER_MANAGEMENT_SERVICE, USER_MANAGEMENT_ROUTES.logIn, { body });
  }

  register(body: Registration): Promise<User> {
    return this.call(USER_MANAGEMENT_SERVICE, USER_MANAGEMENT_ROUTES.register, { body });
  }

  getMe(): Promise<User> {
    return this.call(USER_MANAGEMENT_SERVICE, USER_MANAGEMENT_ROUTES.getMe, { auth: true });
  }

  /** Places the cart; a retry with the same `idempotencyKey` answers the order the first attempt placed. */
  checkout(body: Checkout, idempotencyKey: string): Promise<Order> {
    return this.call(GATEWAY_SERVICE, GATEWAY_ROUTES.checkout, {
      body,
      auth: true,
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    });
  }

  listMyOrders(): Promise<OrderList> {
    return this.call(GATEWAY_SERVICE, GATEWAY_ROUTES.listMyOrders, { auth: true });
  }

  /** Calls the gateway; rejects with ApiError carrying the platform's error message ({ statusCode, error, message }). */
  private async call<Route extends RouteSpec>(
    service: ServiceDescriptor,
    route: Route,
    options: CallOptions<Route>,
  ): Promise<RouteResponse<Route>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.auth ? this.accessToken() : undefined;
    if (token) headers['authorization'] = `Bearer ${token}`;
    Object.assign(headers, options.headers);
    const init: RequestInit = { method: route.method, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const url = gatewayUrl(service, route, options.params, options.query);
    let response: Response;
    try {
      response = await this.fetchFn(url, init);
    } catch {
      throw new ApiError(0, 'The shop cannot be reached right now. Check your connection and try again.');
    }
    const data = parseJson(await response.text());
    if (response.ok) return data as RouteResponse<Route>;
    const message =
      isRecord(data) && typeof data['message'] === 'string'
        ? data['message']
        : `The request failed (${response.status}).`;
    throw new ApiError(response.status, message);
  }
}

/** Where the browser loads a product's image (`imageUrl` is its path on product-search). */
export function productImageUrl(product: Pick<Product, 'imageUrl'>): string {
  return edgePath(PRODUCT_SEARCH_SERVICE.name, product.imageUrl);
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
