import type { ServiceDescriptor } from '@ms/contracts-common';
import { EdgeRouteTable } from './edge-routes';

const SELF: ServiceDescriptor = {
  name: 'gateway',
  accessibility: 'public',
  defaultPort: 3000,
  routes: [{ method: 'POST', path: '/api/checkout', access: 'public' }],
};
const CATALOG: ServiceDescriptor = {
  name: 'catalog',
  accessibility: 'public',
  defaultPort: 4001,
  routes: [
    { method: 'GET', path: '/products', access: 'public' },
    { method: 'GET', path: '/products/:id', access: 'public' },
    { method: 'GET', path: '/products/:id/image', access: 'public' },
  ],
};
const ACCOUNTS: ServiceDescriptor = {
  name: 'accounts',
  accessibility: 'hybrid',
  defaultPort: 4002,
  routes: [
    { method: 'POST', path: '/sessions', access: 'public' },
    { method: 'GET', path: '/users/me', access: 'public' },
    { method: 'GET', path: '/users/:id', access: 'internal' },
  ],
};
const ORDERS: ServiceDescriptor = {
  name: 'orders',
  accessibility: 'internal',
  defaultPort: 4003,
  routes: [{ method: 'POST', path: '/orders', access: 'internal' }],
};

describe('EdgeRouteTable', () => {
  const table = new EdgeRouteTable([CATALOG, ACCOUNTS, ORDERS, SELF], SELF);
  const target = (method: string, path: string) => {
    const match = table.match(method, path);
    return match && `${match.service.name} ${match.route.method} ${match.route.path} → ${match.upstreamPath}`;
  };

  it('fronts public and hybrid services, not internal ones and not itself', () => {
    expect(table.services().map((s) => s.name)).toEqual(['catalog', 'accounts']);
    expect(table.routes().map((r) => `${r.service.name} ${r.route.path}`)).toEqual([
      'catalog /products',
      'catalog /products/:id',
      'catalog /products/:id/image',
      'accounts /sessions',
      'accounts /users/me',
    ]);
  });

  it('matches method and path against public route templates', () => {
    expect(target('GET', '/catalog/products')).toBe('catalog GET /products → /products');
    expect(target('GET', '/catalog/products/42')).toBe('catalog GET /products/:id → /products/42');
    expect(target('HEAD', '/catalog/products/42/image')).toBe('catalog GET /products/:id/image → /products/42/image');
    expect(target('GET', '/catalog/products/a%20b')).toBe('catalog GET /products/:id → /products/a%20b');
    expect(target('POST', '/accounts/sessions')).toBe('accounts POST /sessions → /sessions');
    expect(target('GET', '/accounts/users/me')).toBe('accounts GET /users/me → /users/me');
  });

  it('matches nothing else', () => {
    for (const [method, path] of [
      ['POST', '/catalog/products'],
      ['GET', '/catalog'],
      ['GET', '/catalog/'],
      ['GET', '/catalog/products/'],
      ['GET', '/catalog/products//image'],
      ['GET', '/catalog/products/42/image/x'],
      ['GET', '/accounts/users/42'],
      ['POST', '/orders/orders'],
      ['POST', '/gateway/api/checkout'],
      ['GET', '/catalog/health/ready'],
      ['GET', '/catalog/metrics'],
      ['GET', '/nobody/products'],
      ['GET', ''],
    ]) {
      expect({ method, path, match: table.match(method, path) }).toEqual({ method, path, match: undefined });
    }
  });

  it('matches only the literal path: a raw `#` cannot make it authorise one route and forward another', () => {
    expect(target('GET', '/catalog/products/abc#/image')).toBeUndefined();
    expect(target('GET', '/catalog/products/abc%23/image')).toBe(
      'catalog GET /products/:id/image → /products/abc%23/image',
    );
  });

  it('refuses parameters that could steer the upstream path', () => {
    for (const id of [
      '.',
      '..',
      '%2e',
      '%2E%2e',
      'a%2Fb',
      'a%2fb',
      'a%5Cb',
      'a\\b',
      '%E0%A4%A',
      'a#',
      'a?b',
      'a b',
      'é',
      '%zz',
    ]) {
      expect({ id, match: table.match('GET', `/catalog/products/${id}/image`) }).toEqual({ id, match: undefined });
      expect({ id, match: table.match('GET', `/catalog/products/${id}`) }).toEqual({ id, match: undefined });
    }
  });
});
