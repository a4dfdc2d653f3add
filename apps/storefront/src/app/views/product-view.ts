import { asApiError, productImageUrl, type Product } from '../api/shop-api';
import { addRefusal, availability, maxUnits, quantityInCart, withAdded } from '../cart/cart-rules';
import { api, cart } from '../state';
import { byTestId } from '../ui/dom';
import { formatCents } from '../ui/format';
import { showMessage } from '../ui/messages';
import { lastSearchHash } from './search-view';

let currentProduct: Product | null = null;

export function showProduct(id: string): void {
  currentProduct = null;
  byTestId('back-to-search').setAttribute('href', lastSearchHash());
  const detail = byTestId('product-detail');
  detail.hidden = true;
  api.getProduct(id).then(
    (product) => {
      currentProduct = product;
      byTestId('product-name').textContent = product.name;
      byTestId('product-category').textContent = product.category;
      byTestId('product-price').textContent = formatCents(product.priceCents);
      byTestId('product-description').textContent = product.description;
      const image = byTestId<HTMLImageElement>('product-image');
      image.src = productImageUrl(product);
      image.alt = product.name;
      renderProductStock(product);
      detail.hidden = false;
    },
    (error: unknown) => {
      const failure = asApiError(error);
      showMessage(failure.status === 404 ? 'This product does not exist (any more).' : failure.message, 'error');
    },
  );
}

/** The stock as of loading the page: label, quantity limit, and no adding when sold out. */
function renderProductStock(product: Product): void {
  const stock = availability(product.stock);
  const label = byTestId('product-stock');
  label.textContent = stock.kind === 'in' ? `In stock: ${product.stock} available` : stock.text;
  label.className = `stock ${stock.kind}`;
  label.setAttribute('data-stock', String(product.stock));
  const soldOut = product.stock <= 0;
  const input = byTestId<HTMLInputElement>('quantity-input');
  input.max = String(maxUnits(product.stock));
  input.value = '1';
  input.disabled = soldOut;
  const button = byTestId<HTMLButtonElement>('add-to-cart');
  button.disabled = soldOut;
  button.textContent = soldOut ? 'Sold out' : 'Add to cart';
  renderInCart(product);
}

function renderInCart(product: Product): void {
  const count = quantityInCart(cart.get(), product.id);
  const note = byTestId('product-in-cart');
  note.textContent = count > 0 ? `${count} already in your cart.` : '';
  note.hidden = count === 0;
}

export function onAddToCart(event: Event): void {
  event.preventDefault();
  if (!currentProduct) return;
  const quantity = Math.floor(Number(byTestId<HTMLInputElement>('quantity-input').value));
  const refusal = addRefusal(currentProduct, quantity, quantityInCart(cart.get(), currentProduct.id));
  if (refusal) {
    showMessage(refusal, 'error');
    return;
  }
  cart.save(withAdded(cart.get(), currentProduct, quantity));
  renderInCart(currentProduct);
  showMessage(`Added ${quantity} × ${currentProduct.name} to your cart.`, 'success');
}
