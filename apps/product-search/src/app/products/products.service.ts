import { Injectable, NotFoundException } from '@nestjs/common';
import { CacheService, cacheKey } from '@ms/platform-cache';
import type { CategoryListDto, ProductDto, ProductPageDto, SearchProductsQueryDto } from '@ms/contracts-product-search';
import { ProductCatalog } from './product-catalog';
import { normalizeSearch } from './product-search-query';

/** How long a search result page is served from the cache (also the longest a reseeded catalogue looks stale). */
export const SEARCH_TTL_MS = 30_000;
export const PRODUCT_TTL_MS = 30_000;
export const CATEGORIES_TTL_MS = 60_000;

/** Read-through caching in front of the catalogue: equal queries (after defaults) share one entry. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly cache: CacheService,
    private readonly catalog: ProductCatalog,
  ) {}

  search(query: SearchProductsQueryDto): Promise<ProductPageDto> {
    const search = normalizeSearch(query);
    return this.cache.getOrSet(cacheKey('products', search), SEARCH_TTL_MS, () => this.catalog.search(search));
  }

  /** A missing product is a 404 and is not cached. */
  get(id: string): Promise<ProductDto> {
    return this.cache.getOrSet(`product:${id}`, PRODUCT_TTL_MS, async () => {
      const product = await this.catalog.get(id);
      if (!product) throw new NotFoundException(`product ${id} not found`);
      return product;
    });
  }

  async categories(): Promise<CategoryListDto> {
    return { items: await this.cache.getOrSet('categories', CATEGORIES_TTL_MS, () => this.catalog.categories()) };
  }
}
