import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * What searches read, most used first: the table, the full-text indexes (text searches, relevance tiers), the
 * orders (newest, price), the primary key (stock of cached pages), the vocabulary (corrections), the category orders.
 */
export const PREWARMED_RELATIONS = [
  'products',
  'IDX_products_search_vector',
  'IDX_products_name_vector',
  'IDX_products_created_at',
  'IDX_products_price',
  'PK_0806c755e0aca124e67c0cf6d7d',
  'product_words',
  'IDX_product_words_trgm',
  'IDX_products_category_created_at',
  'IDX_products_category_price',
] as const;

/** Share of shared_buffers the warmed relations may take: the rest stays for everything else the server holds. */
const BUFFER_SHARE = 0.75;

export interface PrewarmResult {
  /** The relations read into the buffers, in order. */
  readonly relations: string[];
  readonly blocks: number;
}

/**
 * After a start, reads the catalogue into PostgreSQL's buffers with pg_prewarm, in the background: a cold search
 * reads each of its pages on its own (hundreds per word), a warmed one reads none. Only what fits in three quarters
 * of shared_buffers, in PREWARMED_RELATIONS' order, so warming never evicts itself. Without the extension (see the
 * PrewarmExtension migration) it does nothing.
 */
@Injectable()
export class CataloguePrewarm implements OnApplicationBootstrap {
  private readonly logger = new Logger(CataloguePrewarm.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const started = Date.now();
    this.prewarm().then(
      (result) => {
        if (result) {
          this.logger.log(
            `read ${result.blocks} blocks (${result.relations.join(', ')}) in ${Date.now() - started} ms`,
          );
        }
      },
      (error: unknown) => this.logger.warn(`prewarm failed: ${error instanceof Error ? error.message : error}`),
    );
  }

  /** Undefined when the server has no pg_prewarm. */
  async prewarm(): Promise<PrewarmResult | undefined> {
    const [{ available }]: { available: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm') AS "available"`,
    );
    if (!available) return undefined;
    const rows: { name: string; blocks: number }[] = await this.dataSource.query(
      `WITH "candidates" AS (SELECT r."name", r."position", to_regclass(quote_ident(r."name")) AS "relation" ` +
        `FROM unnest($1::text[]) WITH ORDINALITY AS r("name", "position")), ` +
        `"sized" AS (SELECT c.*, sum(pg_relation_size(c."relation")) OVER (ORDER BY c."position") AS "running" ` +
        `FROM "candidates" c WHERE c."relation" IS NOT NULL) ` +
        `SELECT s."name", pg_prewarm(s."relation")::int AS "blocks" FROM "sized" s ` +
        `WHERE s."running" <= $2::float8 * pg_size_bytes(current_setting('shared_buffers')) ORDER BY s."position"`,
      [PREWARMED_RELATIONS, BUFFER_SHARE],
    );
    return { relations: rows.map((row) => row.name), blocks: rows.reduce((sum, row) => sum + row.blocks, 0) };
  }
}
