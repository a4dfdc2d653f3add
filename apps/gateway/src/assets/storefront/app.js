// The storefront: plain JavaScript against the gateway's public API (/api/...). No framework, no inline code.
// Session (access token) in sessionStorage, cart in localStorage, views selected by the URL hash.
(function () {
  'use strict';

  const PAGE_SIZE = 12;
  const SESSION_KEY = 'storefront.session';
  const CART_KEY = 'storefront.cart';
  const PENDING_CHECKOUT_KEY = 'storefront.pendingCheckout';
  /** Most units of one product per order (the API's limit). */
  const MAX_QUANTITY = 100;
  /** Up to this many units left, a product says "Only N left". */
  const LOW_STOCK = 5;
  const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

  // ---------- small helpers ----------

  function $(testId, root) {
    return (root || document).querySelector('[data-testid="' + testId + '"]');
  }

  /** Builds an element; children are nodes or strings (always text, never HTML). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') el.textContent = attrs[key];
      else if (key.indexOf('on') === 0) el.addEventListener(key.slice(2), attrs[key]);
      else el.setAttribute(key, attrs[key]);
    });
    children.forEach(function (child) {
      if (child === null || child === undefined) return;
      el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return el;
  }

  function formatCents(cents) {
    return money.format(cents / 100);
  }

  function isShown(view) {
    return !document.getElementById('view-' + view).hidden;
  }

  /** What a shopper is told about a stock level: a short label and its kind (for the colour). */
  function availability(stock) {
    if (stock <= 0) return { text: 'Sold out', kind: 'out' };
    if (stock <= LOW_STOCK) return { text: 'Only ' + stock + ' left', kind: 'low' };
    return { text: 'In stock', kind: 'in' };
  }

  /** Most units of a product one order can have: its stock when known, and never more than MAX_QUANTITY. */
  function maxUnits(stock) {
    return typeof stock === 'number' ? Math.max(0, Math.min(MAX_QUANTITY, stock)) : MAX_QUANTITY;
  }

  /** Why a product's quantity is capped: "Sorry, only 3 of Vase are left", or the per-order limit. */
  function limitReason(name, stock) {
    return typeof stock === 'number' && stock < MAX_QUANTITY
      ? 'Sorry, only ' + stock + ' of ' + name + (stock === 1 ? ' is' : ' are') + ' left'
      : 'You can order at most ' + MAX_QUANTITY + ' of ' + name + ' at once';
  }

  function imageSrc(product) {
    // imageUrl is the path on product-search; the edge serves it under /api/product-search.
    return '/api/product-search' + product.imageUrl;
  }

  function showMessage(text, kind) {
    const box = $('message');
    box.textContent = text;
    box.className = 'message ' + (kind || 'info');
    box.hidden = !text;
  }

  function clearMessage() {
    showMessage('', 'info');
  }

  /** A UUID for Idempotency-Key; crypto.randomUUID needs a secure context, getRandomValues does not. */
  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 0x100).toString(16).slice(1);
      })
      .join('');
    return (
      hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20)
    );
  }

  function readJson(storage, key, fallback) {
    try {
      const raw = storage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch {
      return fallback;
    }
  }

  // ---------- API ----------

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  /** Calls the gateway; rejects with ApiError carrying the platform's error message ({ statusCode, error, message }). */
  function api(method, path, options) {
    options = options || {};
    const headers = { accept: 'application/json' };
    const session = getSession();
    if (options.auth && session) headers.authorization = 'Bearer ' + session.accessToken;
    if (options.headers)
      Object.keys(options.headers).forEach(function (k) {
        headers[k] = options.headers[k];
      });
    const init = { method: method, headers: headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    return fetch(path, init).then(
      function (res) {
        return res.text().then(function (text) {
          let data = null;
          try {
            data = text ? JSON.parse(text) : null;
          } catch {
            data = null;
          }
          if (res.ok) return data;
          const message =
            data && typeof data.message === 'string' ? data.message : 'The request failed (' + res.status + ').';
          throw new ApiError(res.status, message);
        });
      },
      function () {
        throw new ApiError(0, 'The shop cannot be reached right now. Check your connection and try again.');
      },
    );
  }

  // ---------- session ----------

  function getSession() {
    const session = readJson(sessionStorage, SESSION_KEY, null);
    if (session && session.expiresAt && Date.now() > session.expiresAt) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return session;
  }

  function setSession(session) {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
    renderHeader();
  }

  function requireLogin(reason, afterLogin) {
    setSession(null);
    sessionStorage.setItem('storefront.afterLogin', afterLogin || location.hash || '#/');
    navigate('#/login', reason || 'Please log in first.', 'info');
  }

  // ---------- cart ----------

  function getCart() {
    return readJson(localStorage, CART_KEY, []);
  }

  function saveCart(cart) {
    localStorage.setItem(CART_KEY, JSON.stringify(cart));
    renderHeader();
  }

  function quantityInCart(productId) {
    const line = getCart().filter(function (l) {
      return l.productId === productId;
    })[0];
    return line ? line.quantity : 0;
  }

  /** Adds to the cart; each line keeps the latest stock the shop has seen for its product. */
  function addToCart(product, quantity) {
    const cart = getCart();
    const line = cart.filter(function (l) {
      return l.productId === product.id;
    })[0];
    if (line) {
      line.quantity = Math.min(MAX_QUANTITY, line.quantity + quantity);
      line.stock = product.stock;
    } else {
      cart.push({
        productId: product.id,
        name: product.name,
        priceCents: product.priceCents,
        quantity: quantity,
        stock: product.stock,
      });
    }
    saveCart(cart);
  }

  /** Why `quantity` more of `product` cannot go into a cart that holds `inCart` of it, or null when they can. */
  function addRefusal(product, quantity, inCart) {
    if (!(quantity >= 1)) return 'Choose a quantity of at least 1.';
    if (product.stock <= 0) return 'Sorry, ' + product.name + ' is sold out.';
    const limit = maxUnits(product.stock);
    if (inCart + quantity <= limit) return null;
    const reason = limitReason(product.name, product.stock);
    if (inCart === 0) return reason + ': choose ' + limit + ' or fewer.';
    const room = limit - inCart;
    return (
      reason +
      ' and your cart already has ' +
      inCart +
      ': ' +
      (room > 0 ? 'you can add ' + room + ' more.' : 'you cannot add more.')
    );
  }

  /** Why a cart line cannot be set to `quantity`, or null when it can (the stock is the one last seen). */
  function quantityRefusal(line, quantity) {
    if (!(quantity >= 1)) return 'Choose a quantity of at least 1, or remove the product.';
    if (typeof line.stock === 'number' && line.stock <= 0)
      return 'Sorry, ' + line.name + ' is sold out: please remove it.';
    return quantity <= maxUnits(line.stock) ? null : limitReason(line.name, line.stock) + '.';
  }

  function cartSignature(cart) {
    return JSON.stringify(
      cart.map(function (l) {
        return [l.productId, l.quantity];
      }),
    );
  }

  // ---------- header ----------

  function renderHeader() {
    const session = getSession();
    const count = getCart().reduce(function (sum, l) {
      return sum + l.quantity;
    }, 0);
    $('cart-count').textContent = String(count);
    document.querySelectorAll('.when-user').forEach(function (el) {
      el.hidden = !session;
    });
    document.querySelectorAll('.when-guest').forEach(function (el) {
      el.hidden = !!session;
    });
    $('user-name').textContent = session ? 'Hi, ' + session.user.displayName : '';
  }

  // ---------- views ----------

  let categoriesLoaded = false;

  function loadCategories() {
    if (categoriesLoaded) return;
    api('GET', '/api/product-search/categories').then(
      function (data) {
        categoriesLoaded = true;
        const select = $('category-select');
        data.items.forEach(function (c) {
          select.appendChild(h('option', { value: c.name, text: c.name + ' (' + c.count + ')' }));
        });
        // The options arrive after the view was filled from the URL: select the category it names now.
        select.value = searchParamsFromHash().get('category') || '';
      },
      function (err) {
        showMessage('Categories are unavailable: ' + err.message, 'error');
      },
    );
  }

  function searchParamsFromHash() {
    const query = location.hash.split('?')[1] || '';
    return new URLSearchParams(query);
  }

  function euroToCents(value) {
    if (value === '' || value === null) return '';
    const n = Number(value);
    return isFinite(n) && n >= 0 ? String(Math.round(n * 100)) : '';
  }

  let lastSearchHash = '#/';

  function showSearch() {
    lastSearchHash = location.hash || '#/';
    loadCategories();
    const params = searchParamsFromHash();
    const form = $('search-form');
    form.q.value = params.get('q') || '';
    form.category.value = params.get('category') || '';
    form.minPrice.value = params.get('minPrice') ? String(Number(params.get('minPrice')) / 100) : '';
    form.maxPrice.value = params.get('maxPrice') ? String(Number(params.get('maxPrice')) / 100) : '';
    form.sort.value = params.get('sort') || '';
    const page = Math.max(1, Number(params.get('page')) || 1);

    const query = new URLSearchParams();
    ['q', 'category', 'minPrice', 'maxPrice', 'sort'].forEach(function (k) {
      if (params.get(k)) query.set(k, params.get(k));
    });
    query.set('page', String(page));
    query.set('pageSize', String(PAGE_SIZE));

    const list = $('results');
    $('results-summary').textContent = 'Searching…';
    api('GET', '/api/product-search/products?' + query.toString()).then(
      function (data) {
        list.textContent = '';
        data.items.forEach(function (p) {
          const stock = availability(p.stock);
          list.appendChild(
            h(
              'li',
              { class: 'stock-' + stock.kind, 'data-testid': 'product-card' },
              h(
                'a',
                { href: '#/product/' + encodeURIComponent(p.id), 'data-testid': 'product-link' },
                h('img', { src: imageSrc(p), alt: p.name, loading: 'lazy' }),
                h('p', { class: 'name', 'data-testid': 'product-card-name', text: p.name }),
                h('p', { class: 'meta', text: formatCents(p.priceCents) + ' · ' + p.category }),
                h('p', { class: 'stock ' + stock.kind, 'data-testid': 'product-card-stock', text: stock.text }),
              ),
            ),
          );
        });
        // A broad search counts its matches only up to a cap (totalCapped): then the last page is not known.
        const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
        $('results-summary').textContent =
          data.total === 0
            ? 'No products match your search.'
            : data.totalCapped
              ? 'More than ' + data.total.toLocaleString('en') + ' products'
              : data.total + (data.total === 1 ? ' product' : ' products');
        $('page-info').textContent = data.totalCapped ? 'Page ' + data.page : 'Page ' + data.page + ' of ' + pages;
        $('prev-page').disabled = data.page <= 1;
        $('next-page').disabled = data.totalCapped ? data.items.length < data.pageSize : data.page >= pages;
        $('prev-page').onclick = function () {
          goToPage(params, data.page - 1);
        };
        $('next-page').onclick = function () {
          goToPage(params, data.page + 1);
        };
      },
      function (err) {
        list.textContent = '';
        $('results-summary').textContent = '';
        showMessage(err.message, 'error');
      },
    );
  }

  function goToPage(params, page) {
    params.set('page', String(page));
    location.hash = '#/?' + params.toString();
  }

  function onSearchSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const params = new URLSearchParams();
    if (form.q.value.trim()) params.set('q', form.q.value.trim());
    if (form.category.value) params.set('category', form.category.value);
    const min = euroToCents(form.minPrice.value);
    const max = euroToCents(form.maxPrice.value);
    if (min !== '') params.set('minPrice', min);
    if (max !== '') params.set('maxPrice', max);
    if (form.sort.value) params.set('sort', form.sort.value);
    params.set('page', '1');
    const next = '#/?' + params.toString();
    if (location.hash === next) route();
    else location.hash = next;
  }

  let currentProduct = null;

  function showProduct(id) {
    currentProduct = null;
    $('back-to-search').setAttribute('href', lastSearchHash);
    const detail = $('product-detail');
    detail.hidden = true;
    api('GET', '/api/product-search/products/' + encodeURIComponent(id)).then(
      function (p) {
        currentProduct = p;
        $('product-name').textContent = p.name;
        $('product-category').textContent = p.category;
        $('product-price').textContent = formatCents(p.priceCents);
        $('product-description').textContent = p.description;
        const img = $('product-image');
        img.src = imageSrc(p);
        img.alt = p.name;
        renderProductStock(p);
        detail.hidden = false;
      },
      function (err) {
        showMessage(err.status === 404 ? 'This product does not exist (any more).' : err.message, 'error');
      },
    );
  }

  /** The stock as of loading the page: label, quantity limit, and no adding when sold out. */
  function renderProductStock(p) {
    const stock = availability(p.stock);
    const label = $('product-stock');
    label.textContent = stock.kind === 'in' ? 'In stock: ' + p.stock + ' available' : stock.text;
    label.className = 'stock ' + stock.kind;
    label.setAttribute('data-stock', String(p.stock));
    const soldOut = p.stock <= 0;
    const input = $('quantity-input');
    input.max = String(maxUnits(p.stock));
    input.value = '1';
    input.disabled = soldOut;
    const button = $('add-to-cart');
    button.disabled = soldOut;
    button.textContent = soldOut ? 'Sold out' : 'Add to cart';
    renderInCart(p);
  }

  function renderInCart(p) {
    const count = quantityInCart(p.id);
    const note = $('product-in-cart');
    note.textContent = count > 0 ? count + ' already in your cart.' : '';
    note.hidden = count === 0;
  }

  function onAddToCart(event) {
    event.preventDefault();
    if (!currentProduct) return;
    const quantity = Math.floor(Number($('quantity-input').value));
    const refusal = addRefusal(currentProduct, quantity, quantityInCart(currentProduct.id));
    if (refusal) {
      showMessage(refusal, 'error');
      return;
    }
    addToCart(currentProduct, quantity);
    renderInCart(currentProduct);
    showMessage('Added ' + quantity + ' × ' + currentProduct.name + ' to your cart.', 'success');
  }

  /** The cart, then the current stock of its products (it changes with every order, anyone's). */
  function showCart() {
    renderCart();
    refreshCartStock();
  }

  /** A line's stock worth mentioning: when it cannot cover the line, or when little is left. */
  function cartLineStockNote(line) {
    if (typeof line.stock !== 'number') return null;
    const short = line.quantity > line.stock;
    if (!short && line.stock > LOW_STOCK) return null;
    return h('span', {
      class: 'stock-note ' + (short ? 'short' : 'low'),
      'data-testid': 'cart-line-stock',
      text: availability(line.stock).text,
    });
  }

  function renderCart() {
    const cart = getCart();
    const body = $('cart-lines');
    body.textContent = '';
    cart.forEach(function (line) {
      const qty = h('input', {
        type: 'number',
        min: '1',
        max: String(Math.max(1, maxUnits(line.stock))),
        value: String(line.quantity),
        'data-testid': 'cart-quantity',
        'aria-label': 'Quantity of ' + line.name,
      });
      qty.addEventListener('change', function () {
        const n = Math.floor(Number(qty.value));
        const refusal = quantityRefusal(line, n);
        if (refusal) {
          showMessage(refusal, 'error');
          qty.value = String(line.quantity);
          return;
        }
        const next = getCart().map(function (l) {
          if (l.productId === line.productId) l.quantity = n;
          return l;
        });
        saveCart(next);
        renderCart();
      });
      const remove = h('button', { type: 'button', class: 'link', 'data-testid': 'cart-remove', text: 'Remove' });
      remove.addEventListener('click', function () {
        saveCart(
          getCart().filter(function (l) {
            return l.productId !== line.productId;
          }),
        );
        renderCart();
      });
      body.appendChild(
        h(
          'tr',
          { 'data-testid': 'cart-line' },
          h(
            'td',
            null,
            h('a', { href: '#/product/' + encodeURIComponent(line.productId), text: line.name }),
            cartLineStockNote(line),
          ),
          h('td', { text: formatCents(line.priceCents) }),
          h('td', null, qty),
          h('td', { text: formatCents(line.priceCents * line.quantity) }),
          h('td', null, remove),
        ),
      );
    });
    const total = cart.reduce(function (sum, l) {
      return sum + l.priceCents * l.quantity;
    }, 0);
    $('cart-total').textContent = formatCents(total);
    $('cart-empty').hidden = cart.length > 0;
    $('cart').hidden = cart.length === 0;
  }

  let cartStockRun = 0;

  /**
   * Asks product-search for the current stock of every line (a cart is small) and keeps it in the lines, so the
   * cart's limits and notes agree with what checkout will say. Quantities are never changed behind the shopper's back.
   */
  function refreshCartStock() {
    const cart = getCart();
    if (cart.length === 0) return Promise.resolve();
    const run = ++cartStockRun;
    return Promise.all(
      cart.map(function (line) {
        return api('GET', '/api/product-search/products/' + encodeURIComponent(line.productId)).then(
          function (p) {
            return { productId: line.productId, stock: p.stock };
          },
          function (err) {
            return err.status === 404 ? { productId: line.productId, stock: 0 } : null;
          },
        );
      }),
    ).then(function (results) {
      const stock = {};
      results.forEach(function (r) {
        if (r && typeof r.stock === 'number') stock[r.productId] = r.stock;
      });
      let changed = false;
      const next = getCart().map(function (l) {
        if (Object.prototype.hasOwnProperty.call(stock, l.productId) && l.stock !== stock[l.productId]) {
          l.stock = stock[l.productId];
          changed = true;
        }
        return l;
      });
      if (!changed) return;
      saveCart(next);
      if (run === cartStockRun && isShown('cart')) renderCart();
    });
  }

  let checkingOut = false;
  /** The order just placed: its stock is reserved a moment later and, if another order took it first, it is cancelled. */
  let watchedOrder = null;

  function onCheckout() {
    if (checkingOut) return;
    const cart = getCart();
    if (cart.length === 0) {
      showMessage('Your cart is empty: add a product before checking out.', 'error');
      return;
    }
    if (!getSession()) {
      requireLogin('Please log in to check out.', '#/cart');
      return;
    }
    // One Idempotency-Key per checkout attempt: a retry of the same cart reuses it, so it can never order twice.
    const signature = cartSignature(cart);
    let pending = readJson(sessionStorage, PENDING_CHECKOUT_KEY, null);
    if (!pending || pending.signature !== signature) {
      pending = { key: newKey(), signature: signature };
      sessionStorage.setItem(PENDING_CHECKOUT_KEY, JSON.stringify(pending));
    }
    checkingOut = true;
    $('checkout-button').disabled = true;
    showMessage('Placing your order…', 'info');
    api('POST', '/api/checkout', {
      auth: true,
      headers: { 'Idempotency-Key': pending.key },
      body: {
        items: cart.map(function (l) {
          return { productId: l.productId, quantity: l.quantity };
        }),
      },
    })
      .then(
        function (order) {
          sessionStorage.removeItem(PENDING_CHECKOUT_KEY);
          saveCart([]);
          watchedOrder = { id: order.id, checksLeft: 4 };
          navigate(
            '#/orders',
            'Thank you! Order ' + order.id.slice(0, 8) + ' is placed: ' + formatCents(order.totalCents) + '.',
            'success',
          );
        },
        function (err) {
          if (err.status === 401) {
            requireLogin('Your session has expired: please log in again, then check out.', '#/cart');
            return;
          }
          if (err.status === 400 || err.status === 409 || err.status === 422) {
            // The cart itself is the problem: the next attempt (after changing it) gets a new key.
            sessionStorage.removeItem(PENDING_CHECKOUT_KEY);
          }
          const retry =
            err.status === 0 || err.status >= 500
              ? ' You can press "Check out" again: you will not be charged twice.'
              : '';
          showMessage(err.message + retry, 'error');
          // The server's answer is the final word (e.g. "not enough stock: …"): let the cart show the stock it went by.
          if (err.status === 409) refreshCartStock();
        },
      )
      .then(function () {
        checkingOut = false;
        $('checkout-button').disabled = false;
      });
  }

  let ordersRun = 0;

  function showOrders() {
    if (!getSession()) {
      requireLogin('Please log in to see your orders.', '#/orders');
      return;
    }
    $('orders').textContent = '';
    $('orders-empty').hidden = true;
    $('order-count').hidden = true;
    loadOrders();
  }

  /** Fetches the orders (and the order count) and shows them; an older answer never replaces a newer one. */
  function loadOrders() {
    const run = ++ordersRun;
    loadOrderCount(run);
    api('GET', '/api/orders', { auth: true }).then(
      function (data) {
        if (run !== ordersRun) return;
        $('orders').replaceChildren(...data.items.map(orderRow));
        $('orders-empty').hidden = data.items.length > 0;
        followWatchedOrder(run, data.items);
      },
      function (err) {
        if (run !== ordersRun) return;
        if (err.status === 401) {
          requireLogin('Your session has expired: please log in again.', '#/orders');
          return;
        }
        showMessage(err.message, 'error');
      },
    );
  }

  function orderRow(order) {
    const lines = h('ul', null);
    order.items.forEach(function (item) {
      lines.appendChild(
        h('li', { text: item.quantity + ' × ' + item.name + ' — ' + formatCents(item.lineTotalCents) }),
      );
    });
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
        h('span', { 'data-testid': 'order-id', text: 'Order ' + order.id.slice(0, 8) }),
        h('span', { class: 'status ' + order.status, 'data-testid': 'order-status', text: order.status }),
        h('span', { text: new Date(order.createdAt).toLocaleString() }),
        h('span', { 'data-testid': 'order-total', text: formatCents(order.totalCents) }),
      ),
      reason,
      lines,
    );
  }

  /** "Orders placed: N" from user-management (counted from events, so it may lag a moment); a nicety, so quiet. */
  function loadOrderCount(run) {
    api('GET', '/api/user-management/users/me', { auth: true }).then(
      function (user) {
        if (run !== ordersRun || !user || typeof user.orderCount !== 'number') return;
        const count = $('order-count');
        count.textContent = 'Orders placed: ' + user.orderCount + ' (not counting cancelled ones)';
        count.hidden = false;
      },
      function () {
        /* the list says what matters; its own request reports errors */
      },
    );
  }

  /** Looks again, a few times, at an order just placed while it is shown, and says so if it was cancelled. */
  function followWatchedOrder(run, orders) {
    if (!watchedOrder) return;
    const order = orders.filter(function (o) {
      return o.id === watchedOrder.id;
    })[0];
    if (order && order.status === 'cancelled') {
      showMessage(
        'Sorry, order ' +
          order.id.slice(0, 8) +
          ' was cancelled' +
          (order.statusReason ? ': ' + order.statusReason : '') +
          '.',
        'error',
      );
    }
    if (!order || order.status !== 'placed' || watchedOrder.checksLeft <= 0) {
      watchedOrder = null;
      return;
    }
    watchedOrder.checksLeft -= 1;
    setTimeout(function () {
      if (run === ordersRun && isShown('orders')) loadOrders();
    }, 1500);
  }

  function onLogin(event) {
    event.preventDefault();
    const form = event.target;
    const button = $('login-submit');
    button.disabled = true;
    api('POST', '/api/user-management/sessions', { body: { email: form.email.value, password: form.password.value } })
      .then(
        function (session) {
          setSession({
            accessToken: session.accessToken,
            user: session.user,
            expiresAt: Date.now() + session.expiresIn * 1000,
          });
          form.password.value = '';
          const next = sessionStorage.getItem('storefront.afterLogin') || '#/';
          sessionStorage.removeItem('storefront.afterLogin');
          navigate(next, 'Welcome back, ' + session.user.displayName + '.', 'success');
        },
        function (err) {
          showMessage(err.status === 401 ? 'Wrong email or password.' : err.message, 'error');
        },
      )
      .then(function () {
        button.disabled = false;
      });
  }

  function onRegister(event) {
    event.preventDefault();
    const form = event.target;
    const button = $('register-submit');
    button.disabled = true;
    const email = form.email.value;
    api('POST', '/api/user-management/users', {
      body: { email: email, password: form.password.value, displayName: form.displayName.value },
    })
      .then(
        function () {
          form.reset();
          $('login-email').value = email;
          navigate('#/login', 'Your account is ready: log in to continue.', 'success');
        },
        function (err) {
          showMessage(err.message, 'error');
        },
      )
      .then(function () {
        button.disabled = false;
      });
  }

  // ---------- router ----------

  let pendingFlash = null;

  /** Goes to a view and shows a message there (a hash change clears the previous view's message). */
  function navigate(hash, text, kind) {
    if (location.hash === hash) {
      route();
      if (text) showMessage(text, kind);
      return;
    }
    pendingFlash = text ? { text: text, kind: kind } : null;
    location.hash = hash;
  }

  const VIEWS = ['search', 'product', 'cart', 'orders', 'login', 'register'];

  function show(view) {
    VIEWS.forEach(function (name) {
      document.getElementById('view-' + name).hidden = name !== view;
    });
  }

  function route() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const path = hash.split('?')[0];
    const productMatch = /^\/product\/([^/]+)$/.exec(path);
    if (productMatch) {
      show('product');
      showProduct(decodeURIComponent(productMatch[1]));
    } else if (path === '/cart') {
      show('cart');
      showCart();
    } else if (path === '/orders') {
      show('orders');
      showOrders();
    } else if (path === '/login') {
      show('login');
    } else if (path === '/register') {
      show('register');
    } else {
      show('search');
      showSearch();
    }
  }

  function start() {
    $('search-form').addEventListener('submit', onSearchSubmit);
    $('add-form').addEventListener('submit', onAddToCart);
    $('checkout-button').addEventListener('click', onCheckout);
    $('orders-refresh').addEventListener('click', loadOrders);
    $('login-form').addEventListener('submit', onLogin);
    $('register-form').addEventListener('submit', onRegister);
    $('nav-logout').addEventListener('click', function () {
      setSession(null);
      navigate('#/', 'You are logged out.', 'info');
    });
    window.addEventListener('hashchange', function () {
      const flash = pendingFlash;
      pendingFlash = null;
      if (flash) showMessage(flash.text, flash.kind);
      else clearMessage();
      route();
    });
    renderHeader();
    route();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
