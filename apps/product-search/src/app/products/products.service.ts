import { Injectable, NotFoundException } from '@nestjs/common';
import { CacheService, cacheKey } from '@ms/platform-cache';
import type { CategoryListDto, ProductDto, ProductPageDto, SearchProductsQueryDto } from '@ms/contracts-product-search';
import { CurrentStock } from '../stock/current-stock';
import { ProductCatalog } from './product-catalog';
import { normalizeSearch } from './product-search-query';

/** How long a search result page is served from the cache (also the longest a reseeded catalogue looks stale). */
export const SEARCH_TTL_MS = 30_000;
export const CATEGORIES_TTL_MS = 60_000;

/**
 * Read-through caching in front of the catalogue: equal queries (after defaults) share one entry. Stock changes with
 * every order, so it is never served from the page cache: a cached page gets its products' current stock from
 * CurrentStock (remembered until the database announces a change, else one primary-key lookup). A single product is
 * one primary-key lookup anyway, so it is read straight from the catalogue, and order-processing's stock check always
 * sees the real number.
 */
@Injectable()
export class ProductsService {
  constructor(
    private readonly cache: CacheService,
    private readonly catalog: ProductCatalog,
    private readonly stock: CurrentStock,
  ) {}

  async search(query: SearchProductsQueryDto): Promise<ProductPageDto> {
    const search = normalizeSearch(query);
    const stockVersion = this.stock.version;
    let loadedNow = false;
    const page = await this.cache.getOrSet(cacheKey('products', search), SEARCH_TTL_MS, () => {
      loadedNow = true;
      return this.catalog.search(search);
    });
    if (loadedNow) {
      // A page just read from the catalogue is current already, and its stock is worth remembering.
      this.stock.remember(
        stockVersion,
        page.items.map((product) => [product.id, product.stock]),
      );
      return page;
    }
    return { ...page, items: await this.withCurrentStock(page.items) };
  }

  async get(id: string): Promise<ProductDto> {
    const product = await this.catalog.get(id);
    if (!product) throw new NotFoundException(`product ${id} not found`);
    return product;
  }

  private async withCurrentStock(products: readonly ProductDto[]): Promise<ProductDto[]> {
    const stock = await this.stock.of(products.map((product) => product.id));
    // A product deleted since its page was cached has no stock left to sell.
    return products.map((product) => ({ ...product, stock: stock.get(product.id) ?? 0 }));
  }

  async categories(): Promise<CategoryListDto> {
    return { items: await this.cache.getOrSet('categories', CATEGORIES_TTL_MS, () => this.catalog.categories()) };
  }
}
