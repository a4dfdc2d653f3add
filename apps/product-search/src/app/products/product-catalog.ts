import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { routePath } from '@ms/contracts-common';
import {
  CURRENCY,
  MAX_COUNTED_TOTAL,
  PRODUCT_SEARCH_ROUTES,
  type CategoryDto,
  type ProductDto,
  type ProductPageDto,
} from '@ms/contracts-product-search';
import { Product } from './product.entity';
import {
  applyCorrections,
  correctionsSql,
  countSql,
  matchesSql,
  pageSql,
  wordsToCorrect,
  type ProductSearch,
  type Scope,
  type SqlQuery,
} from './product-search-query';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price_cents: number;
  stock: number;
  created_at: Date;
}

export function toProductDto(
  product: Pick<Product, 'id' | 'sku' | 'name' | 'description' | 'category' | 'priceCents' | 'stock' | 'createdAt'>,
): ProductDto {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category: product.category,
    priceCents: product.priceCents,
    currency: CURRENCY,
    stock: product.stock,
    imageUrl: routePath(PRODUCT_SEARCH_ROUTES.getProductImage, { id: product.id }),
    createdAt: product.createdAt.toISOString(),
  };
}

const fromRow = (row: ProductRow): ProductDto =>
  toProductDto({ ...row, priceCents: row.price_cents, createdAt: new Date(row.created_at) });

/** `total` is counted up to MAX_COUNTED_TOTAL + 1: above the cap it shows as the cap, with `totalCapped`. */
const pageOf = (search: ProductSearch, items: ProductDto[], total: number): ProductPageDto => ({
  items,
  total: Math.min(total, MAX_COUNTED_TOTAL),
  totalCapped: total > MAX_COUNTED_TOTAL,
  page: search.page,
  pageSize: search.pageSize,
});

/**
 * The catalogue as stored in PostgreSQL: search, lookup and category counts. No caching here (see ProductsService),
 * so every call goes to the database. Every search reads a bounded number of rows, whatever the catalogue's size:
 * counts stop at MAX_COUNTED_TOTAL + 1, and a page is read either from the few matches or by an ordered index walk.
 */
@Injectable()
export class ProductCatalog {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  /**
   * Text searches are full-text first; only when that finds nothing (a misspelt word, a word that is not in any
   * product) are the words missing from the catalogue's vocabulary corrected to their closest word, and the corrected
   * text searched the same way.
   */
  async search(search: ProductSearch): Promise<ProductPageDto> {
    const found = await this.find(search);
    if (!search.q || found.total > 0) return found;
    const corrected = await this.corrected(search.q);
    return corrected ? this.find({ ...search, q: corrected }) : found;
  }

  /** The text with misspelt words corrected, or undefined when no word has a correction. */
  async corrected(q: string): Promise<string | undefined> {
    const words = wordsToCorrect(q);
    if (words.length === 0) return undefined;
    const sql = correctionsSql(words);
    const rows: { typed: string; correction: string | null }[] = await this.products.manager.query(
      sql.text,
      sql.values,
    );
    const corrections = new Map(rows.flatMap((row) => (row.correction ? [[row.typed, row.correction] as const] : [])));
    return corrections.size > 0 ? applyCorrections(q, corrections) : undefined;
  }

  async get(id: string): Promise<ProductDto | undefined> {
    const product = await this.products.findOneBy({ id });
    return product ? toProductDto(product) : undefined;
  }

  /** These products, as `get` reads each one (stock included), in one query; ids that name none are left out. */
  async getMany(ids: readonly string[]): Promise<ProductDto[]> {
    if (ids.length === 0) return [];
    const products = await this.products.findBy({ id: In([...ids]) });
    return products.map(toProductDto);
  }

  /** The current stock of these products (primary-key lookups): what the cached pages are refreshed with. */
  async stockOf(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; stock: number }[] = await this.products.manager.query(
      `SELECT "id", "stock" FROM "products" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.stock]));
  }

  /** Every category with its number of products, by name (an index-only scan of the category indexes). */
  async categories(): Promise<CategoryDto[]> {
    const rows: { name: string; count: number }[] = await this.products.manager.query(
      `SELECT "category" AS "name", count(*)::int AS "count" FROM "products" GROUP BY "category" ORDER BY "category"`,
    );
    return rows.map(({ name, count }) => ({ name, count }));
  }

  /**
   * One search, without corrections. With text sorted by relevance, the matches come in two tiers, each newest first:
   * those whose name matches the text (`name`), then those where only the description does (`rest`). Both tiers are
   * index orders, so a page never ranks every match (`ts_rank` over the 36,000 matches of a common word took over a
   * second). A text search first reads its matches once, up to the cap (matchesSql): when there are no more, that one
   * statement is the whole search; with more, pages come from the ordered index walks below.
   */
  private async find(search: ProductSearch): Promise<ProductPageDto> {
    const window = { offset: (search.page - 1) * search.pageSize, limit: search.pageSize };
    let total: number;
    if (search.q !== undefined) {
      // One statement reads the matches once and, when they are few (most words), already has the page.
      const sql = matchesSql(search, window);
      const rows: (ProductRow & { total: number })[] = await this.products.manager.query(sql.text, sql.values);
      total = rows[0].total;
      if (total <= MAX_COUNTED_TOTAL) return pageOf(search, rows[0].id === null ? [] : rows.map(fromRow), total);
    } else {
      total = await this.count(countSql(search, 'all'));
    }
    const tiers = search.q !== undefined && search.sort === 'relevance';
    const items = await this.page(search, tiers ? 'name' : 'all', total, window);
    const more = total > MAX_COUNTED_TOTAL || total > window.offset + items.length;
    if (tiers && items.length < window.limit && more) {
      // The name tier ends on this page, or before it: after the rows just read, or (none read) within the offset.
      const named =
        items.length > 0 ? window.offset + items.length : await this.count(countSql(search, 'name', window.offset));
      items.push(
        ...(await this.page(search, 'rest', await this.restSize(search, total, named), {
          offset: window.offset + items.length - named,
          limit: window.limit - items.length,
        })),
      );
    }
    return pageOf(search, items, total);
  }

  /**
   * How many matches only the description has, as far as choosing how to read them needs: exact when every match
   * was counted; "many" (above the cap) when the name tier is small next to the counted matches, so walking the
   * newest finds them fast; else counted (capped), since they may be few (`tundra` names 5,000 products and every
   * match is one of them: walking the newest for the rest would read the whole catalogue).
   */
  private async restSize(search: ProductSearch, total: number, named: number): Promise<number> {
    if (total <= MAX_COUNTED_TOTAL) return total - named;
    if (named <= MAX_COUNTED_TOTAL / 2) return total;
    return this.count(countSql(search, 'rest'));
  }

  private async count(sql: SqlQuery): Promise<number> {
    const [{ total }]: { total: number }[] = await this.products.manager.query(sql.text, sql.values);
    return total;
  }

  /** One page of a scope with `matches` matches (capped: more than MAX_COUNTED_TOTAL is "unknown"). */
  private async page(
    search: ProductSearch,
    scope: Scope,
    matches: number,
    window: { offset: number; limit: number },
  ): Promise<ProductDto[]> {
    if (matches <= MAX_COUNTED_TOTAL && matches <= window.offset) return [];
    const sql = pageSql(search, scope, { ...window, fewMatches: matches <= MAX_COUNTED_TOTAL });
    const rows: ProductRow[] = await this.products.manager.query(sql.text, sql.values);
    return rows.map(fromRow);
  }
}
