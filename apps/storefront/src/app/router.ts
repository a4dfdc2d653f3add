import { route } from './router-link';
import { viewSection } from './ui/dom';
import { showCart } from './views/cart-view';
import { showOrders } from './views/orders-view';
import { showProduct } from './views/product-view';
import { showSearch } from './views/search-view';

const VIEWS = ['search', 'product', 'cart', 'orders', 'login', 'register'] as const;
type View = (typeof VIEWS)[number];

const PRODUCT_PAGE = /^#\/product\/([^/]+)$/;

function show(view: View): void {
  for (const name of VIEWS) viewSection(name).hidden = name !== view;
}

/** Shows the view the URL hash names (see router-link.ts); anything else is the search. */
export function routeToHash(): void {
  const page = location.hash.split('?')[0] ?? '';
  const product = PRODUCT_PAGE.exec(page)?.[1];
  if (product) {
    show('product');
    showProduct(decodeURIComponent(product));
  } else if (page === route.cart) {
    show('cart');
    showCart();
  } else if (page === route.orders) {
    show('orders');
    showOrders();
  } else if (page === route.login) {
    show('login');
  } else if (page === route.register) {
    show('register');
  } else {
    show('search');
    showSearch();
  }
}
