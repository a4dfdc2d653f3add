/** The storefront's own pages (URL hashes; the server only ever serves `/`). */
export const route = {
  search: (params?: URLSearchParams): string => (params ? `#/?${params.toString()}` : '#/'),
  /** Matched by the router as `#/product/<id>`. */
  product: (id: string): string => `#/product/${encodeURIComponent(id)}`,
  cart: '#/cart',
  orders: '#/orders',
  login: '#/login',
  register: '#/register',
} as const;
