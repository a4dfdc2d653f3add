/**
 * The storefront: TypeScript against the gateway's public API, every call a route declared in the contracts. No
 * framework, no inline code (the platform's CSP). Session (access token) in sessionStorage, cart in localStorage,
 * views selected by the URL hash.
 */
import { MAX_ITEM_QUANTITY } from '@ms/contracts-order-processing/routes';
import { navigate, setRouter, takePendingFlash } from './app/navigation';
import { routeToHash } from './app/router';
import { route } from './app/router-link';
import { cart, session } from './app/state';
import { byTestId } from './app/ui/dom';
import { clearMessage, showMessage } from './app/ui/messages';
import { applyAccountLimits, onLogin, onRegister } from './app/views/account-view';
import { onCheckout } from './app/views/cart-view';
import { renderHeader } from './app/views/header';
import { loadOrders } from './app/views/orders-view';
import { onAddToCart } from './app/views/product-view';
import { applySearchLimits, onSearchSubmit } from './app/views/search-view';

function start(): void {
  setRouter(routeToHash);
  session.onChange(renderHeader);
  cart.onChange(renderHeader);
  byTestId<HTMLInputElement>('quantity-input').max = String(MAX_ITEM_QUANTITY);
  applyAccountLimits();
  applySearchLimits();
  byTestId('search-form').addEventListener('submit', onSearchSubmit);
  byTestId('add-form').addEventListener('submit', onAddToCart);
  byTestId('checkout-button').addEventListener('click', onCheckout);
  byTestId('orders-refresh').addEventListener('click', loadOrders);
  byTestId('login-form').addEventListener('submit', onLogin);
  byTestId('register-form').addEventListener('submit', onRegister);
  byTestId('nav-logout').addEventListener('click', () => {
    session.set(null);
    navigate(route.search(), 'You are logged out.', 'info');
  });
  window.addEventListener('hashchange', () => {
    const flash = takePendingFlash();
    if (flash) showMessage(flash.text, flash.kind);
    else clearMessage();
    routeToHash();
  });
  renderHeader();
  routeToHash();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
