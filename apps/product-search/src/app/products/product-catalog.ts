import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { CURRENCY, type CategoryDto, type ProductDto, type ProductPageDto } from '@ms/contracts-product-search';
import { Product } from './product.entity';
import { buildSearchSql, FUZZY_WORD_SIMILARITY, type ProductSearch, type SearchMode } from './product-search-query';

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
    imageUrl: `/products/${product.id}/image`,
    createdAt: product.createdAt.toISOString(),
  };
}

const fromRow = (row: ProductRow): ProductDto =>
  toProductDto({ ...row, priceCents: row.price_cents, createdAt: new Date(row.created_at) });

/**
 * The catalogue as stored in PostgreSQL: search, lookup and category counts. No caching here (see ProductsService),
 * so every call is one trip to the database.
 */
@Injectable()
export class ProductCatalog {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  /**
   * Text searches are full-text first; only when that finds nothing (a misspelt word, a word that is not in any
   * product) do they fall back to trigram similarity against product names.
   */
  async search(search: ProductSearch): Promise<ProductPageDto> {
    if (!search.q) return this.run(this.products.manager, search, 'browse');
    const exact = await this.run(this.products.manager, search, 'text');
    if (exact.total > 0) return exact;
    return this.products.manager.transaction(async (manager) => {
      // SET LOCAL: the lower threshold holds for this transaction only, never for the pooled connection.
      await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
        String(FUZZY_WORD_SIMILARITY),
      ]);
      return this.run(manager, search, 'fuzzy');
    });
  }

  async get(id: string): Promise<ProductDto | undefined> {
    const product = await this.products.findOneBy({ id });
    return product ? toProductDto(product) : undefined;
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

  private async run(manager: EntityManager, search: ProductSearch, mode: SearchMode): Promise<ProductPageDto> {
    const sql = buildSearchSql(search, mode);
    const [{ total }]: { total: number }[] = await manager.query(sql.count.text, sql.count.values);
    const offset = (search.page - 1) * search.pageSize;
    const rows: ProductRow[] = total > offset ? await manager.query(sql.page.text, sql.page.values) : [];
    return { items: rows.map(fromRow), total, page: search.page, pageSize: search.pageSize };
  }
}
