import { ShopApi } from './api/shop-api';
import { CartStore } from './cart/cart-store';
import { PendingCheckouts } from './session/pending-checkout';
import { SessionStore } from './session/session-store';

/** The page's state, one of each: the session (per tab), the cart (kept across visits) and the API client. */
export const session = new SessionStore(sessionStorage);
export const cart = new CartStore(localStorage);
export const pendingCheckouts = new PendingCheckouts(sessionStorage);
export const api = new ShopApi(() => session.get()?.accessToken);
