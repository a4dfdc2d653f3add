import { Readable } from 'node:stream';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout } from 'node:timers/promises';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { FileStorage } from '@ms/platform-file-storage';
import { ProductSearchSettings } from '../config/product-search-settings';
import { Product } from '../products/product.entity';
import { PRODUCT_IMAGE_PREFIX, productImageKey } from '../products/product-image';
import { generateCatalogue, ImageRenderer, type SeedProduct } from './catalogue';

/**
 * Products per batch: their images are stored, then their rows inserted in one statement (8 parameters a row, far
 * below PostgreSQL's 65535). Nothing stays open between batches, so a seed of any size holds no transaction and
 * keeps at most one batch in flight.
 */
export const SEED_BATCH = 1000;
/** Images written at the same time. */
const IMAGE_CONCURRENCY = 16;
/** Advisory lock held (by session, not transaction) while seeding: two instances starting together do not both seed. */
const SEED_LOCK = 0x7365_6564; // "seed"
/** How often an instance waiting for another one's seed checks whether it is done. */
const SEED_LOCK_POLL_MS = 250;

export interface SeedResult {
  /** false when the catalogue already had products and was left alone. */
  readonly seeded: boolean;
  readonly products: number;
  readonly images: number;
  readonly removedImages: number;
  readonly elapsedMs: number;
}

const toRow = ({
  id,
  sku,
  name,
  description,
  category,
  priceCents,
  stock,
  createdAt,
}: SeedProduct): Partial<Product> => ({
  id,
  sku,
  name,
  description,
  category,
  priceCents,
  stock,
  createdAt,
});

/**
 * Loads the deterministic seed catalogue (see catalogue.ts): products in batched INSERTs, one generated PNG per
 * product in file storage. At start (never in production, not with SEED_ON_START=false) it seeds an empty catalogue;
 * `main.js --seed` (`nx run product-search:seed`) replaces whatever is there.
 */
@Injectable()
export class CatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly settings: ProductSearchSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.seedOnStart || this.settings.seedProducts === 0) return;
    const result = await this.seed({ replace: false });
    if (result.seeded) {
      this.logger.log(`empty catalogue: seeded ${result.products} products and images in ${result.elapsedMs} ms`);
    }
  }

  /**
   * Seeds `settings.seedProducts` products. `replace: false` leaves a non-empty catalogue alone; `replace: true`
   * empties the catalogue first and removes images no product owns any more. Works in batches of SEED_BATCH (images
   * first, then their rows), each its own statement: no transaction is held while 100,000 images are written. The
   * rows of a batch appear after its images; a seed at start finishes before the service reports ready.
   */
  async seed({ replace }: { replace: boolean }): Promise<SeedResult> {
    const started = Date.now();
    const session = this.dataSource.createQueryRunner();
    await session.connect();
    try {
      await this.lock(session);
      try {
        if (!replace) {
          const [{ existing }] = await session.query(`SELECT count(*)::int AS "existing" FROM "products"`);
          if (existing > 0)
            return { seeded: false, products: existing, images: 0, removedImages: 0, elapsedMs: Date.now() - started };
        } else {
          await session.query('TRUNCATE "products"');
        }
        const catalogue = generateCatalogue(this.settings.seedProducts);
        // Written oldest first, so the table's physical order is the listing's: walking the newest (the default
        // order, and relevance within a tier) reads neighbouring rows instead of one page per row.
        const oldestFirst = [...catalogue].sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
        );
        const images = new ImageRenderer();
        for (let i = 0; i < oldestFirst.length; i += SEED_BATCH) {
          const batch = oldestFirst.slice(i, i + SEED_BATCH);
          await this.storeImages(batch, images);
          await session.manager
            .createQueryBuilder()
            .insert()
            .into(Product)
            .values(batch.map(toRow))
            .updateEntity(false)
            .execute();
        }
        const removedImages = replace
          ? await this.removeOrphanImages(new Set(catalogue.map((p) => productImageKey(p.id))))
          : 0;
        // Fresh statistics for the planner (the catalogue just changed from empty to its full size), and the
        // visibility map set, so index-only scans (counts, a page's ids) need no heap. Not in a transaction, so the
        // session's own timeout is lifted for it and restored.
        await session.query('SET statement_timeout = 0');
        await session.query('VACUUM (ANALYZE) "products"');
        await session.query('RESET statement_timeout');
        return {
          seeded: true,
          products: catalogue.length,
          images: catalogue.length,
          removedImages,
          elapsedMs: Date.now() - started,
        };
      } finally {
        await session.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]);
      }
    } finally {
      await session.release();
    }
  }

  /** Waits for another instance's seed by polling (a blocking wait would run into statement_timeout). */
  private async lock(session: QueryRunner): Promise<void> {
    for (;;) {
      const [{ locked }] = await session.query('SELECT pg_try_advisory_lock($1) AS "locked"', [SEED_LOCK]);
      if (locked) return;
      await setTimeout(SEED_LOCK_POLL_MS);
    }
  }

  private async storeImages(batch: readonly SeedProduct[], images: ImageRenderer): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const product = batch[next++];
        await this.storage.put(productImageKey(product.id), Readable.from([images.render(product.image)]), {
          contentType: 'image/png',
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, batch.length) }, worker));
  }

  private async removeOrphanImages(keep: ReadonlySet<string>): Promise<number> {
    const orphans: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.storage.list(PRODUCT_IMAGE_PREFIX, { limit: 1000, cursor });
      orphans.push(...page.items.map((item) => item.key).filter((key) => !keep.has(key)));
      cursor = page.nextCursor;
    } while (cursor);
    for (const key of orphans) await this.storage.delete(key);
    return orphans.length;
  }
}
