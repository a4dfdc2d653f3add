import { MAX_ITEM_QUANTITY } from '@ms/contracts-order-processing/routes';

/** Up to this many units left, a product says "Only N left". */
export const LOW_STOCK = 5;

/** One product in the cart, with the latest stock the shop has seen for it (unknown in carts of older versions). */
export interface CartLine {
  readonly productId: string;
  readonly name: string;
  readonly priceCents: number;
  readonly quantity: number;
  readonly stock?: number;
}

export type Cart = readonly CartLine[];

/** What the cart needs to know of a product. */
export interface CartProduct {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly stock: number;
}

export interface Availability {
  readonly text: string;
  /** For the colour: sold out, low or in stock. */
  readonly kind: 'out' | 'low' | 'in';
}

/** What a shopper is told about a stock level. */
export function availability(stock: number): Availability {
  if (stock <= 0) return { text: 'Sold out', kind: 'out' };
  if (stock <= LOW_STOCK) return { text: `Only ${stock} left`, kind: 'low' };
  return { text: 'In stock', kind: 'in' };
}

/** Most units of a product one order can have: its stock when known, and never more than the API's limit. */
export function maxUnits(stock: number | undefined): number {
  return typeof stock === 'number' ? Math.max(0, Math.min(MAX_ITEM_QUANTITY, stock)) : MAX_ITEM_QUANTITY;
}

/** Why a product's quantity is capped: "Sorry, only 3 of Vase are left", or the per-order limit. */
export function limitReason(name: string, stock: number | undefined): string {
  return typeof stock === 'number' && stock < MAX_ITEM_QUANTITY
    ? `Sorry, only ${stock} of ${name}${stock === 1 ? ' is' : ' are'} left`
    : `You can order at most ${MAX_ITEM_QUANTITY} of ${name} at once`;
}

export function quantityInCart(cart: Cart, productId: string): number {
  return cart.find((line) => line.productId === productId)?.quantity ?? 0;
}

/** Why `quantity` more of `product` cannot go into a cart that holds `inCart` of it, or null when they can. */
export function addRefusal(product: CartProduct, quantity: number, inCart: number): string | null {
  if (!(quantity >= 1)) return 'Choose a quantity of at least 1.';
  if (product.stock <= 0) return `Sorry, ${product.name} is sold out.`;
  const limit = maxUnits(product.stock);
  if (inCart + quantity <= limit) return null;
  const reason = limitReason(product.name, product.stock);
  if (inCart === 0) return `${reason}: choose ${limit} or fewer.`;
  const room = limit - inCart;
  return (
    `${reason} and your cart already has ${inCart}: ` +
    (room > 0 ? `you can add ${room} more.` : 'you cannot add more.')
  );
}

/** Why a cart line cannot be set to `quantity`, or null when it can (the stock is the one last seen). */
export function quantityRefusal(line: CartLine, quantity: number): string | null {
  if (!(quantity >= 1)) return 'Choose a quantity of at least 1, or remove the product.';
  if (typeof line.stock === 'number' && line.stock <= 0) return `Sorry, ${line.name} is sold out: please remove it.`;
  return quantity <= maxUnits(line.stock) ? null : `${limitReason(line.name, line.stock)}.`;
}

/** The cart with `quantity` more of `product`; its line keeps the latest stock seen. */
export function withAdded(cart: Cart, product: CartProduct, quantity: number): Cart {
  if (!cart.some((line) => line.productId === product.id)) {
    const { id: productId, name, priceCents, stock } = product;
    return [...cart, { productId, name, priceCents, quantity, stock }];
  }
  return cart.map((line) =>
    line.productId === product.id
      ? { ...line, quantity: Math.min(MAX_ITEM_QUANTITY, line.quantity + quantity), stock: product.stock }
      : line,
  );
}

export function withQuantity(cart: Cart, productId: string, quantity: number): Cart {
  return cart.map((line) => (line.productId === productId ? { ...line, quantity } : line));
}

export function without(cart: Cart, productId: string): Cart {
  return cart.filter((line) => line.productId !== productId);
}

/** The cart with the stock levels in `stockById` (products not in it keep theirs); the same cart when none changed. */
export function withStock(cart: Cart, stockById: ReadonlyMap<string, number>): Cart {
  const changed = cart.some((line) => stockById.has(line.productId) && line.stock !== stockById.get(line.productId));
  return changed ? cart.map((line) => ({ ...line, stock: stockById.get(line.productId) ?? line.stock })) : cart;
}

export function cartUnits(cart: Cart): number {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}

/** The estimate shown before checkout: prices are confirmed when the order is placed. */
export function cartTotalCents(cart: Cart): number {
  return cart.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
}

/** What a checkout attempt orders: equal signatures may reuse the attempt's Idempotency-Key. */
export function cartSignature(cart: Cart): string {
  return JSON.stringify(cart.map((line) => [line.productId, line.quantity]));
}

/** A line's stock worth mentioning: when it cannot cover the line, or when little is left; null otherwise. */
export function lineStockNote(line: CartLine): { readonly text: string; readonly kind: 'short' | 'low' } | null {
  if (typeof line.stock !== 'number') return null;
  const short = line.quantity > line.stock;
  if (!short && line.stock > LOW_STOCK) return null;
  return { text: availability(line.stock).text, kind: short ? 'short' : 'low' };
}
