import { MAX_ITEM_QUANTITY } from '@ms/contracts-order-processing/routes';
import {
  addRefusal,
  availability,
  cartSignature,
  cartTotalCents,
  cartUnits,
  LOW_STOCK,
  lineStockNote,
  maxUnits,
  quantityInCart,
  quantityRefusal,
  withAdded,
  withQuantity,
  withStock,
  without,
  type CartLine,
} from './cart-rules';

const vase = { id: 'p-vase', name: 'Vase', priceCents: 1250, stock: 3 };
const lamp = { id: 'p-lamp', name: 'Lamp', priceCents: 4000, stock: 500 };
const line = (overrides: Partial<CartLine> = {}): CartLine => ({
  productId: vase.id,
  name: vase.name,
  priceCents: vase.priceCents,
  quantity: 1,
  stock: vase.stock,
  ...overrides,
});

describe('cart rules', () => {
  it('tells a shopper how much is left', () => {
    expect(availability(0)).toEqual({ text: 'Sold out', kind: 'out' });
    expect(availability(-2).kind).toBe('out');
    expect(availability(1)).toEqual({ text: 'Only 1 left', kind: 'low' });
    expect(availability(LOW_STOCK)).toEqual({ text: `Only ${LOW_STOCK} left`, kind: 'low' });
    expect(availability(LOW_STOCK + 1)).toEqual({ text: 'In stock', kind: 'in' });
  });

  it("caps a product's units by its stock and by the contract's per-order limit", () => {
    expect(MAX_ITEM_QUANTITY).toBe(100); // the limit the API enforces, read from the contract
    expect(maxUnits(3)).toBe(3);
    expect(maxUnits(0)).toBe(0);
    expect(maxUnits(-1)).toBe(0);
    expect(maxUnits(MAX_ITEM_QUANTITY + 400)).toBe(MAX_ITEM_QUANTITY);
    expect(maxUnits(undefined)).toBe(MAX_ITEM_QUANTITY);
  });

  it('refuses to add more than the stock, saying how many are left and how many more fit', () => {
    expect(addRefusal(vase, 3, 0)).toBeNull();
    expect(addRefusal(vase, 4, 0)).toBe('Sorry, only 3 of Vase are left: choose 3 or fewer.');
    expect(addRefusal(vase, 2, 2)).toBe(
      'Sorry, only 3 of Vase are left and your cart already has 2: you can add 1 more.',
    );
    expect(addRefusal(vase, 1, 3)).toBe(
      'Sorry, only 3 of Vase are left and your cart already has 3: you cannot add more.',
    );
    expect(addRefusal({ ...vase, stock: 1 }, 2, 0)).toBe('Sorry, only 1 of Vase is left: choose 1 or fewer.');
  });

  it('refuses more than the per-order limit, zero, fractions turned to nothing and sold-out products', () => {
    expect(addRefusal(lamp, MAX_ITEM_QUANTITY, 0)).toBeNull();
    expect(addRefusal(lamp, MAX_ITEM_QUANTITY + 1, 0)).toBe(
      `You can order at most ${MAX_ITEM_QUANTITY} of Lamp at once: choose ${MAX_ITEM_QUANTITY} or fewer.`,
    );
    expect(addRefusal(lamp, 0, 0)).toBe('Choose a quantity of at least 1.');
    expect(addRefusal(lamp, Number.NaN, 0)).toBe('Choose a quantity of at least 1.');
    expect(addRefusal({ ...vase, stock: 0 }, 1, 0)).toBe('Sorry, Vase is sold out.');
  });

  it('checks a changed line quantity against the stock last seen', () => {
    expect(quantityRefusal(line(), 3)).toBeNull();
    expect(quantityRefusal(line(), 4)).toBe('Sorry, only 3 of Vase are left.');
    expect(quantityRefusal(line(), 0)).toBe('Choose a quantity of at least 1, or remove the product.');
    expect(quantityRefusal(line({ stock: 0 }), 1)).toBe('Sorry, Vase is sold out: please remove it.');
    expect(quantityRefusal(line({ stock: undefined }), MAX_ITEM_QUANTITY + 1)).toBe(
      `You can order at most ${MAX_ITEM_QUANTITY} of Vase at once.`,
    );
  });

  it('adds a new line, or more units to the existing one (capped, with the latest stock)', () => {
    const one = withAdded([], vase, 2);
    expect(one).toEqual([{ productId: vase.id, name: 'Vase', priceCents: 1250, quantity: 2, stock: 3 }]);
    const more = withAdded(one, { ...vase, stock: 7 }, 3);
    expect(more).toEqual([{ productId: vase.id, name: 'Vase', priceCents: 1250, quantity: 5, stock: 7 }]);
    expect(withAdded(withAdded([], lamp, 60), lamp, 60)[0]?.quantity).toBe(MAX_ITEM_QUANTITY);
    expect(quantityInCart(more, vase.id)).toBe(5);
    expect(quantityInCart(more, lamp.id)).toBe(0);
  });

  it('changes and removes lines, and totals units and prices', () => {
    const cart = withAdded(withAdded([], vase, 2), lamp, 1);
    expect(cartUnits(cart)).toBe(3);
    expect(cartTotalCents(cart)).toBe(2 * 1250 + 4000);
    expect(quantityInCart(withQuantity(cart, lamp.id, 4), lamp.id)).toBe(4);
    expect(without(cart, vase.id).map((l) => l.productId)).toEqual([lamp.id]);
  });

  it('keeps new stock levels, and the very same cart when none changed', () => {
    const cart = withAdded(withAdded([], vase, 2), lamp, 1);
    expect(withStock(cart, new Map([[vase.id, 3]]))).toBe(cart);
    const updated = withStock(cart, new Map([[vase.id, 1]]));
    expect(updated.map((l) => l.stock)).toEqual([1, 500]);
    expect(updated.map((l) => l.quantity)).toEqual([2, 1]); // never changed behind the shopper's back
  });

  it('notes a line that its stock cannot cover or that has little left', () => {
    expect(lineStockNote(line({ quantity: 4, stock: 3 }))).toEqual({ text: 'Only 3 left', kind: 'short' });
    expect(lineStockNote(line({ quantity: 1, stock: 0 }))).toEqual({ text: 'Sold out', kind: 'short' });
    expect(lineStockNote(line({ quantity: 1, stock: 2 }))).toEqual({ text: 'Only 2 left', kind: 'low' });
    expect(lineStockNote(line({ quantity: 1, stock: 50 }))).toBeNull();
    expect(lineStockNote(line({ stock: undefined }))).toBeNull();
  });

  it('signs a cart by its products and quantities only', () => {
    const cart = [line({ quantity: 2 })];
    expect(cartSignature(cart)).toBe(cartSignature([line({ quantity: 2, stock: 9, priceCents: 1 })]));
    expect(cartSignature(cart)).not.toBe(cartSignature([line({ quantity: 3 })]));
  });
});
