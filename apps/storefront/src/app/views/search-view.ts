import { SEARCH_QUERY_MAX_LENGTH } from '@ms/contracts-product-search/routes';
import { asApiError, productImageUrl, type ProductPage, type SearchParams } from '../api/shop-api';
import { availability } from '../cart/cart-rules';
import { route } from '../router-link';
import { api } from '../state';
import { byTestId, h } from '../ui/dom';
import { formField, submittedForm } from '../ui/forms';
import { centsToEuro, euroToCents, formatCents } from '../ui/format';
import { showMessage } from '../ui/messages';

/** The search box stops where the API would refuse (the contract's limit). */
export function applySearchLimits(): void {
  byTestId<HTMLInputElement>('search-input').maxLength = SEARCH_QUERY_MAX_LENGTH;
}

/** Products per page of results. */
const PAGE_SIZE = 12;
/** The search's filters, as the URL hash and the API's query name them (checked against the route's query type). */
const FILTERS = ['q', 'category', 'minPrice', 'maxPrice', 'sort'] as const satisfies readonly (keyof SearchParams)[];

let categoriesLoaded = false;
let lastSearch = '#/';

/** The hash of the last search shown, for the product page's "Back to results". */
export function lastSearchHash(): string {
  return lastSearch;
}

function searchParamsFromHash(): URLSearchParams {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

function loadCategories(): void {
  if (categoriesLoaded) return;
  api.listCategories().then(
    (data) => {
      categoriesLoaded = true;
      const select = byTestId<HTMLSelectElement>('category-select');
      for (const category of data.items) {
        select.appendChild(h('option', { value: category.name, text: `${category.name} (${category.count})` }));
      }
      // The options arrive after the view was filled from the URL: select the category it names now.
      select.value = searchParamsFromHash().get('category') ?? '';
    },
    (error: unknown) => showMessage(`Categories are unavailable: ${asApiError(error).message}`, 'error'),
  );
}

/** The search view: the form filled from the URL hash, and the page of results it names. */
export function showSearch(): void {
  lastSearch = location.hash || '#/';
  loadCategories();
  const params = searchParamsFromHash();
  const form = byTestId<HTMLFormElement>('search-form');
  formField(form, 'q').value = params.get('q') ?? '';
  formField(form, 'category').value = params.get('category') ?? '';
  formField(form, 'minPrice').value = centsToEuro(params.get('minPrice'));
  formField(form, 'maxPrice').value = centsToEuro(params.get('maxPrice'));
  formField(form, 'sort').value = params.get('sort') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const search: SearchParams = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) search[name] = value;
  }
  search.page = String(page);
  search.pageSize = String(PAGE_SIZE);

  const list = byTestId('results');
  byTestId('results-summary').textContent = 'Searching…';
  api.searchProducts(search).then(
    (data) => renderResults(data, params),
    (error: unknown) => {
      list.textContent = '';
      byTestId('results-summary').textContent = '';
      showMessage(asApiError(error).message, 'error');
    },
  );
}

function renderResults(data: ProductPage, params: URLSearchParams): void {
  byTestId('results').replaceChildren(
    ...data.items.map((product) => {
      const stock = availability(product.stock);
      return h(
        'li',
        { class: `stock-${stock.kind}`, 'data-testid': 'product-card' },
        h(
          'a',
          { href: route.product(product.id), 'data-testid': 'product-link' },
          h('img', { src: productImageUrl(product), alt: product.name, loading: 'lazy' }),
          h('p', { class: 'name', 'data-testid': 'product-card-name', text: product.name }),
          h('p', { class: 'meta', text: `${formatCents(product.priceCents)} · ${product.category}` }),
          h('p', { class: `stock ${stock.kind}`, 'data-testid': 'product-card-stock', text: stock.text }),
        ),
      );
    }),
  );
  // A broad search counts its matches only up to a cap (totalCapped): then the last page is not known.
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  byTestId('results-summary').textContent =
    data.total === 0
      ? 'No products match your search.'
      : data.totalCapped
        ? `More than ${data.total.toLocaleString('en')} products`
        : `${data.total}${data.total === 1 ? ' product' : ' products'}`;
  byTestId('page-info').textContent = data.totalCapped ? `Page ${data.page}` : `Page ${data.page} of ${pages}`;
  const previous = byTestId<HTMLButtonElement>('prev-page');
  const next = byTestId<HTMLButtonElement>('next-page');
  previous.disabled = data.page <= 1;
  next.disabled = data.totalCapped ? data.items.length < data.pageSize : data.page >= pages;
  previous.onclick = () => goToPage(params, data.page - 1);
  next.onclick = () => goToPage(params, data.page + 1);
}

function goToPage(params: URLSearchParams, page: number): void {
  params.set('page', String(page));
  location.hash = route.search(params);
}

export function onSearchSubmit(event: Event): void {
  const form = submittedForm(event);
  const params = new URLSearchParams();
  const q = formField(form, 'q').value.trim();
  if (q) params.set('q', q);
  const category = formField(form, 'category').value;
  if (category) params.set('category', category);
  const min = euroToCents(formField(form, 'minPrice').value);
  const max = euroToCents(formField(form, 'maxPrice').value);
  if (min !== '') params.set('minPrice', min);
  if (max !== '') params.set('maxPrice', max);
  const sort = formField(form, 'sort').value;
  if (sort) params.set('sort', sort);
  params.set('page', '1');
  const next = route.search(params);
  if (location.hash === next) showSearch();
  else location.hash = next;
}
