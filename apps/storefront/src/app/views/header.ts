import { cartUnits } from '../cart/cart-rules';
import { cart, session } from '../state';
import { byTestId } from '../ui/dom';

/** The cart count and the links for a guest or a logged-in user. */
export function renderHeader(): void {
  const current = session.get();
  byTestId('cart-count').textContent = String(cartUnits(cart.get()));
  document.querySelectorAll<HTMLElement>('.when-user').forEach((element) => (element.hidden = !current));
  document.querySelectorAll<HTMLElement>('.when-guest').forEach((element) => (element.hidden = !!current));
  byTestId('user-name').textContent = current ? `Hi, ${current.user.displayName}` : '';
}
