import { EDGE_API_PREFIX, GATEWAY_ROUTES } from '@ms/contracts-gateway/routes';
import { ORDER_PROCESSING_ROUTES, ORDER_PROCESSING_SERVICE } from '@ms/contracts-order-processing/routes';
import { PRODUCT_SEARCH_ROUTES, PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search/routes';
import { USER_MANAGEMENT_ROUTES, USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management/routes';
import { gatewayUrl } from './gateway-url';
import { ApiError, asApiError, productImageUrl, ShopApi, type Fetch } from './shop-api';

interface Sent {
  readonly url: string;
  readonly method: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A ShopApi whose requests are recorded and answered with `answer`. */
function shopApi(answer: () => Promise<Response> = () => Promise.resolve(json(200, {})), token?: string) {
  const sent: Sent[] = [];
  const fetchFn: Fetch = (url, init) => {
    sent.push({
      url,
      method: init.method,
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return answer();
  };
  return { api: new ShopApi(() => token, fetchFn), sent };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('the storefront API client', () => {
  it("reaches each service's public routes under the edge prefix, at the paths their contracts declare", async () => {
    const { api, sent } = shopApi();
    await api.getProduct('a b/c');
    await api.listCategories();
    await api.logIn({ email: 'ada@example.com', password: 'pw' });
    await api.register({ email: 'ada@example.com', password: 'pw', displayName: 'Ada' });
    await api.getMe();
    expect(sent.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `GET ${EDGE_API_PREFIX}/product-search/products/a%20b%2Fc`,
      `GET ${EDGE_API_PREFIX}/product-search${PRODUCT_SEARCH_ROUTES.listCategories.path}`,
      `POST ${EDGE_API_PREFIX}/user-management${USER_MANAGEMENT_ROUTES.logIn.path}`,
      `POST ${EDGE_API_PREFIX}/user-management${USER_MANAGEMENT_ROUTES.register.path}`,
      `GET ${EDGE_API_PREFIX}/user-management${USER_MANAGEMENT_ROUTES.getMe.path}`,
    ]);
    expect(sent[2]?.body).toEqual({ email: 'ada@example.com', password: 'pw' });
    expect(sent[2]?.headers['content-type']).toBe('application/json');
  });

  it("calls the gateway's own routes at their declared paths, with the token and the idempotency key", async () => {
    const { api, sent } = shopApi(() => Promise.resolve(json(201, { id: 'o1' })), 'tok');
    const items = [{ productId: 'p1', quantity: 2 }];
    await expect(api.checkout({ items }, 'key-12345678')).resolves.toEqual({ id: 'o1' });
    await api.listMyOrders();
    expect(sent.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `POST ${GATEWAY_ROUTES.checkout.path}`,
      `GET ${GATEWAY_ROUTES.listMyOrders.path}`,
    ]);
    expect(sent[0]?.headers).toMatchObject({ authorization: 'Bearer tok', 'Idempotency-Key': 'key-12345678' });
    expect(sent[0]?.body).toEqual({ items });
    expect(sent[1]?.headers['authorization']).toBe('Bearer tok');
  });

  it('sends the token only to routes that need the user, and only when logged in', async () => {
    const loggedIn = shopApi(undefined, 'tok');
    await loggedIn.api.listCategories();
    expect(loggedIn.sent[0]?.headers['authorization']).toBeUndefined();
    const guest = shopApi();
    await guest.api.getMe();
    expect(guest.sent[0]?.headers['authorization']).toBeUndefined();
  });

  it('passes the search filters that are set as the query', async () => {
    const { api, sent } = shopApi();
    await api.searchProducts({ q: 'desk lamp', category: '', minPrice: '500', page: '2', pageSize: '12' });
    expect(sent[0]?.url).toBe(
      `${EDGE_API_PREFIX}/product-search${PRODUCT_SEARCH_ROUTES.searchProducts.path}?q=desk+lamp&minPrice=500&page=2&pageSize=12`,
    );
  });

  it("rejects with the platform's error message and status, or a generic one", async () => {
    const conflict = shopApi(() => Promise.resolve(json(409, { statusCode: 409, message: 'not enough stock: Vase' })));
    await expect(conflict.api.checkout({ items: [] }, 'k')).rejects.toEqual(
      new ApiError(409, 'not enough stock: Vase'),
    );
    const broken = shopApi(() => Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 })));
    await expect(broken.api.listCategories()).rejects.toMatchObject({
      status: 502,
      message: 'The request failed (502).',
    });
    const offline = shopApi(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.api.listCategories()).rejects.toMatchObject({
      status: 0,
      message: 'The shop cannot be reached right now. Check your connection and try again.',
    });
  });

  it('answers null for an empty body', async () => {
    const { api } = shopApi(() => Promise.resolve(new Response(null, { status: 204 })));
    await expect(api.listMyOrders()).resolves.toBeNull();
  });

  it('loads product images through the edge', () => {
    expect(productImageUrl({ imageUrl: '/products/p1/image' })).toBe(
      `${EDGE_API_PREFIX}/product-search/products/p1/image`,
    );
  });

  it('refuses a route of another service, and internal routes (the edge would not forward them)', () => {
    expect(() => gatewayUrl(USER_MANAGEMENT_SERVICE, PRODUCT_SEARCH_ROUTES.listCategories)).toThrow(
      'is not a route of user-management',
    );
    expect(() => gatewayUrl(PRODUCT_SEARCH_SERVICE, PRODUCT_SEARCH_ROUTES.lookUpProducts)).toThrow('is internal');
    expect(() => gatewayUrl(ORDER_PROCESSING_SERVICE, ORDER_PROCESSING_ROUTES.getOrder, { id: 'o1' })).toThrow(
      'is internal',
    );
  });

  it('turns any failure into an ApiError', () => {
    const error = new ApiError(404, 'gone');
    expect(asApiError(error)).toBe(error);
    expect(asApiError(new Error('body cut off'))).toEqual(new ApiError(0, 'body cut off'));
  });
});
