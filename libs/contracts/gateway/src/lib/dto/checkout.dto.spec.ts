import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CheckoutDto, EMPTY_CART_MESSAGE } from './checkout.dto';
import { GATEWAY_SERVICE, edgePath } from '../gateway.service';

const messages = (body: unknown): string[] =>
  validateSync(plainToInstance(CheckoutDto, body), { whitelist: true, forbidNonWhitelisted: true }).flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...(error.children ?? []).flatMap((child) =>
      (child.children ?? []).flatMap((grandchild) => Object.values(grandchild.constraints ?? {})),
    ),
  ]);

const PRODUCT = '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f90';

describe('CheckoutDto', () => {
  it('accepts a cart of distinct products with quantities', () => {
    expect(messages({ items: [{ productId: PRODUCT, quantity: 2 }] })).toEqual([]);
  });

  it('names an empty cart clearly', () => {
    expect(messages({ items: [] })).toEqual([EMPTY_CART_MESSAGE]);
  });

  it('refuses a bad line, a duplicate product and a missing cart', () => {
    expect(messages({ items: [{ productId: 'nope', quantity: 0 }] })).toEqual(
      expect.arrayContaining(['productId must be a UUID', 'quantity must not be less than 1']),
    );
    expect(
      messages({
        items: [
          { productId: PRODUCT, quantity: 1 },
          { productId: PRODUCT.toUpperCase(), quantity: 1 },
        ],
      }),
    ).toEqual(['items must not list the same productId twice']);
    expect(messages({})).toContain(EMPTY_CART_MESSAGE);
  });
});

describe('GATEWAY_SERVICE', () => {
  it('lists only public BFF routes under the edge prefix', () => {
    for (const route of GATEWAY_SERVICE.routes) {
      expect(route.access).toBe('public');
      expect(route.path.startsWith('/api/')).toBe(true);
    }
    expect(edgePath('product-search', '/products/:id')).toBe('/api/product-search/products/:id');
  });
});
