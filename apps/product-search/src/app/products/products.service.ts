import { Injectable, NotFoundException } from '@nestjs/common';
import { CacheService, cacheKey } from '@ms/platform-cache';
import type {
  CategoryListDto,
  ProductDto,
  ProductLookupDto,
  ProductPageDto,
  SearchProductsQueryDto,
} from '@ms/contracts-product-search';
import { CurrentStock } from './current-stock';
import { ProductCatalog } from './product-catalog';
import { normalizeSearch } from './product-search-query';

/** How long a search result page is served from the cache (also the longest a reseeded catalogue looks stale). */
export const SEARCH_TTL_MS = 30_000;
export const CATEGORIES_TTL_MS = 60_000;
/** Search pages kept as objects in this process, in front of the shared cache (the latest read from it). */
export const LOCAL_PAGES = 100;

/** A search page as the shared cache holds it, with the instant its entry expires (no later than that). */
interface CachedPage {
  readonly page: ProductPageDto;
  readonly expires: number;
}

/**
 * Read-through caching in front of the catalogue: equal queries (after defaults) share one entry. Stock changes with
 * every order, so it is never served from the page cache: a cached page gets its products' current stock from
 * CurrentStock (remembered until the database announces a change, else one primary-key lookup). A single product is
 * one primary-key lookup anyway, so it is read straight from the catalogue, and order-processing's stock check always
 * sees the real number.
 *
 * The hottest pages are also kept in this process, as objects (no cache round trip, no JSON), each only until the
 * shared entry it came from expires. That serves nothing the shared cache would not: search entries are never
 * deleted or replaced before they expire (a concurrent miss on another instance writes an equally fresh page), so
 * across instances every page is still at most SEARCH_TTL_MS old, as without the local copies.
 */
@Injectable()
export class ProductsService {
  private readonly localPages = new Map<string, CachedPage>();

  constructor(
    private readonly cache: CacheService,
    private readonly catalog: ProductCatalog,
    private readonly stock: CurrentStock,
  ) {}

  async search(query: SearchProductsQueryDto): Promise<ProductPageDto> {
    const search = normalizeSearch(query);
    const key = cacheKey('product-pages', search);
    const local = this.localPages.get(key);
    if (local && local.expires > Date.now()) return this.withCurrentStock(local.page);
    const stockVersion = this.stock.version;
    let loadedNow = false;
    const cached = await this.cache.getOrSet<CachedPage>(key, SEARCH_TTL_MS, async () => {
      loadedNow = true;
      const page = await this.catalog.search(search);
      // Taken before the shared cache stores it, so no later than the entry's own expiry.
      return { page, expires: Date.now() + SEARCH_TTL_MS };
    });
    this.keepLocally(key, cached);
    if (loadedNow) {
      // A page just read from the catalogue is current already, and its stock is worth remembering.
      this.stock.remember(
        stockVersion,
        cached.page.items.map((product) => [product.id, product.stock]),
      );
      return cached.page;
    }
    return this.withCurrentStock(cached.page);
  }

  async get(id: string): Promise<ProductDto> {
    const product = await this.catalog.get(id);
    if (!product) throw new NotFoundException(`product ${id} not found`);
    return product;
  }

  /**
   * Many products at once (pricing a checkout), read like `get`: straight from the catalogue, so the stock is the
   * real number. Ids are compared lower-cased (PostgreSQL's uuid is), a repeated one counts once.
   */
  async lookUp(ids: readonly string[]): Promise<ProductLookupDto> {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const found = new Map((await this.catalog.getMany(wanted)).map((product) => [product.id, product]));
    return {
      items: wanted.flatMap((id) => found.get(id) ?? []),
      unknownIds: wanted.filter((id) => !found.has(id)),
    };
  }

  private async withCurrentStock(page: ProductPageDto): Promise<ProductPageDto> {
    const stock = await this.stock.of(page.items.map((product) => product.id));
    // A product deleted since its page was cached has no stock left to sell.
    return { ...page, items: page.items.map((product) => ({ ...product, stock: stock.get(product.id) ?? 0 })) };
  }

  private keepLocally(key: string, cached: CachedPage): void {
    this.localPages.delete(key); // re-inserted last: the Map's order is the recency order
    const now = Date.now();
    if (cached.expires <= now) return;
    // `expires` is another instance's clock: never trusted for longer than a whole TTL from now.
    this.localPages.set(key, { page: cached.page, expires: Math.min(cached.expires, now + SEARCH_TTL_MS) });
    if (this.localPages.size > LOCAL_PAGES) this.localPages.delete(this.localPages.keys().next().value as string);
  }

  async categories(): Promise<CategoryListDto> {
    return { items: await this.cache.getOrSet('categories', CATEGORIES_TTL_MS, () => this.catalog.categories()) };
  }
}
