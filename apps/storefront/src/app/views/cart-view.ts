import { asApiError } from '../api/shop-api';
import {
  cartSignature,
  cartTotalCents,
  lineStockNote,
  maxUnits,
  quantityRefusal,
  withQuantity,
  withStock,
  without,
  type CartLine,
} from '../cart/cart-rules';
import { isShown, navigate, requireLogin } from '../navigation';
import { route } from '../router-link';
import { api, cart, pendingCheckouts, session } from '../state';
import { byTestId, h } from '../ui/dom';
import { formatCents, shortId } from '../ui/format';
import { showMessage } from '../ui/messages';
import { watchOrder } from './orders-view';

/** The cart, then the current stock of its products (it changes with every order, anyone's). */
export function showCart(): void {
  renderCart();
  void refreshCartStock();
}

function renderCart(): void {
  const lines = cart.get();
  byTestId('cart-lines').replaceChildren(...lines.map(cartRow));
  byTestId('cart-total').textContent = formatCents(cartTotalCents(lines));
  byTestId('cart-empty').hidden = lines.length > 0;
  byTestId('cart').hidden = lines.length === 0;
}

function cartRow(line: CartLine): HTMLTableRowElement {
  const quantity = h('input', {
    type: 'number',
    min: '1',
    max: String(Math.max(1, maxUnits(line.stock))),
    value: String(line.quantity),
    'data-testid': 'cart-quantity',
    'aria-label': `Quantity of ${line.name}`,
  });
  quantity.addEventListener('change', () => {
    const wanted = Math.floor(Number(quantity.value));
    const refusal = quantityRefusal(line, wanted);
    if (refusal) {
      showMessage(refusal, 'error');
      quantity.value = String(line.quantity);
      return;
    }
    cart.save(withQuantity(cart.get(), line.productId, wanted));
    renderCart();
  });
  const remove = h('button', { type: 'button', class: 'link', 'data-testid': 'cart-remove', text: 'Remove' });
  remove.addEventListener('click', () => {
    cart.save(without(cart.get(), line.productId));
    renderCart();
  });
  const note = lineStockNote(line);
  return h(
    'tr',
    { 'data-testid': 'cart-line' },
    h(
      'td',
      null,
      h('a', { href: route.product(line.productId), text: line.name }),
      note && h('span', { class: `stock-note ${note.kind}`, 'data-testid': 'cart-line-stock', text: note.text }),
    ),
    h('td', { text: formatCents(line.priceCents) }),
    h('td', null, quantity),
    h('td', { text: formatCents(line.priceCents * line.quantity) }),
    h('td', null, remove),
  );
}

let cartStockRun = 0;

/**
 * Asks product-search for the current stock of every line (a cart is small) and keeps it in the lines, so the
 * cart's limits and notes agree with what checkout will say. Quantities are never changed behind the shopper's back.
 */
async function refreshCartStock(): Promise<void> {
  const lines = cart.get();
  if (lines.length === 0) return;
  const run = ++cartStockRun;
  const stocks = await Promise.all(
    lines.map((line) =>
      api.getProduct(line.productId).then(
        (product): [string, number] => [line.productId, product.stock],
        (error: unknown): [string, number] | null => (asApiError(error).status === 404 ? [line.productId, 0] : null),
      ),
    ),
  );
  const stockById = new Map(stocks.filter((entry): entry is [string, number] => entry !== null));
  const current = cart.get();
  const next = withStock(current, stockById);
  if (next === current) return;
  cart.save(next);
  if (run === cartStockRun && isShown('cart')) renderCart();
}

let checkingOut = false;

export function onCheckout(): void {
  if (checkingOut) return;
  const lines = cart.get();
  if (lines.length === 0) {
    showMessage('Your cart is empty: add a product before checking out.', 'error');
    return;
  }
  if (!session.get()) {
    requireLogin('Please log in to check out.', route.cart);
    return;
  }
  // One Idempotency-Key per checkout attempt: a retry of the same cart reuses it, so it can never order twice.
  const key = pendingCheckouts.keyFor(cartSignature(lines));
  checkingOut = true;
  const button = byTestId<HTMLButtonElement>('checkout-button');
  button.disabled = true;
  showMessage('Placing your order…', 'info');
  const items = lines.map(({ productId, quantity }) => ({ productId, quantity }));
  api
    .checkout({ items }, key)
    .then(
      (order) => {
        pendingCheckouts.clear();
        cart.save([]);
        watchOrder(order.id);
        navigate(
          route.orders,
          `Thank you! Order ${shortId(order.id)} is placed: ${formatCents(order.totalCents)}.`,
          'success',
        );
      },
      (error: unknown) => {
        const failure = asApiError(error);
        if (failure.status === 401) {
          requireLogin('Your session has expired: please log in again, then check out.', route.cart);
          return;
        }
        // The cart itself is the problem: the next attempt (after changing it) gets a new key.
        if (failure.status === 400 || failure.status === 409 || failure.status === 422) pendingCheckouts.clear();
        const retry =
          failure.status === 0 || failure.status >= 500
            ? ' You can press "Check out" again: you will not be charged twice.'
            : '';
        showMessage(failure.message + retry, 'error');
        // The server's answer is the final word (e.g. "not enough stock: …"): let the cart show the stock it went by.
        if (failure.status === 409) void refreshCartStock();
      },
    )
    .finally(() => {
      checkingOut = false;
      button.disabled = false;
    });
}
