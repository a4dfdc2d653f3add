import { asApiError, type Order } from '../api/shop-api';
import { isShown, requireLogin } from '../navigation';
import { route } from '../router-link';
import { api, session } from '../state';
import { byTestId, h } from '../ui/dom';
import { formatCents, shortId } from '../ui/format';
import { showMessage } from '../ui/messages';

/** How often an order just placed is looked at again while it is still `placed`, and how far apart. */
const WATCH_CHECKS = 4;
const WATCH_INTERVAL_MS = 1500;

let ordersRun = 0;
/** The order just placed: its stock is reserved a moment later and, if another order took it first, it is cancelled. */
let watchedOrder: { readonly id: string; checksLeft: number } | null = null;

/** Follows `orderId` on the orders view for a few seconds, to say so if it gets cancelled. */
export function watchOrder(orderId: string): void {
  watchedOrder = { id: orderId, checksLeft: WATCH_CHECKS };
}

export function showOrders(): void {
  if (!session.get()) {
    requireLogin('Please log in to see your orders.', route.orders);
    return;
  }
  byTestId('orders').textContent = '';
  byTestId('orders-empty').hidden = true;
  byTestId('order-count').hidden = true;
  loadOrders();
}

/** Fetches the orders (and the order count) and shows them; an older answer never replaces a newer one. */
export function loadOrders(): void {
  const run = ++ordersRun;
  loadOrderCount(run);
  api.listMyOrders().then(
    (data) => {
      if (run !== ordersRun) return;
      byTestId('orders').replaceChildren(...data.items.map(orderRow));
      byTestId('orders-empty').hidden = data.items.length > 0;
      followWatchedOrder(run, data.items);
    },
    (error: unknown) => {
      if (run !== ordersRun) return;
      const failure = asApiError(error);
      if (failure.status === 401) {
        requireLogin('Your session has expired: please log in again.', route.orders);
        return;
      }
      showMessage(failure.message, 'error');
    },
  );
}

function orderRow(order: Order): HTMLLIElement {
  const lines = h(
    'ul',
    null,
    ...order.items.map((item) =>
      h('li', { text: `${item.quantity} × ${item.name} — ${formatCents(item.lineTotalCents)}` }),
    ),
  );
  // Why the system moved the order (e.g. cancelled for lack of stock); null for a cancellation the customer asked for.
  const reason = order.statusReason
    ? h('p', { class: 'reason', 'data-testid': 'order-status-reason', text: order.statusReason })
    : null;
  return h(
    'li',
    { 'data-testid': 'order-row', 'data-order-id': order.id },
    h(
      'div',
      { class: 'head' },
      h('span', { 'data-testid': 'order-id', text: `Order ${shortId(order.id)}` }),
      h('span', { class: `status ${order.status}`, 'data-testid': 'order-status', text: order.status }),
      h('span', { text: new Date(order.createdAt).toLocaleString() }),
      h('span', { 'data-testid': 'order-total', text: formatCents(order.totalCents) }),
    ),
    reason,
    lines,
  );
}

/** "Orders placed: N" from user-management (counted from events, so it may lag a moment); a nicety, so quiet. */
function loadOrderCount(run: number): void {
  api.getMe().then(
    (user) => {
      if (run !== ordersRun || typeof user?.orderCount !== 'number') return;
      const count = byTestId('order-count');
      count.textContent = `Orders placed: ${user.orderCount} (not counting cancelled ones)`;
      count.hidden = false;
    },
    () => undefined, // the list says what matters; its own request reports errors
  );
}

/** Looks again, a few times, at an order just placed while it is shown, and says so if it was cancelled. */
function followWatchedOrder(run: number, orders: readonly Order[]): void {
  if (!watchedOrder) return;
  const watchedId = watchedOrder.id;
  const order = orders.find((candidate) => candidate.id === watchedId);
  if (order?.status === 'cancelled') {
    const reason = order.statusReason ? `: ${order.statusReason}` : '';
    showMessage(`Sorry, order ${shortId(order.id)} was cancelled${reason}.`, 'error');
  }
  if (!order || order.status !== 'placed' || watchedOrder.checksLeft <= 0) {
    watchedOrder = null;
    return;
  }
  watchedOrder.checksLeft -= 1;
  setTimeout(() => {
    if (run === ordersRun && isShown('orders')) loadOrders();
  }, WATCH_INTERVAL_MS);
}
