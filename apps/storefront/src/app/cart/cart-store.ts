import { readJson } from '../storage';
import type { Cart } from './cart-rules';

export const CART_KEY = 'storefront.cart';

/** The cart, kept in localStorage (it outlives the session); listeners hear of every change. */
export class CartStore {
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly storage: Storage) {}

  get(): Cart {
    const cart = readJson<unknown>(this.storage, CART_KEY, []);
    return Array.isArray(cart) ? (cart as Cart) : [];
  }

  save(cart: Cart): void {
    this.storage.setItem(CART_KEY, JSON.stringify(cart));
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
