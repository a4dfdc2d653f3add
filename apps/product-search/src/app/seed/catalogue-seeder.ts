import { Readable } from 'node:stream';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { FileStorage } from '@ms/platform-file-storage';
import { ProductSearchSettings } from '../config/product-search-settings';
import { Product } from '../products/product.entity';
import { PRODUCT_IMAGE_PREFIX, productImageKey } from '../products/product-image';
import { generateCatalogue, renderProductImage, type SeedProduct } from './catalogue';

/** Rows per INSERT statement (8 parameters each, far below PostgreSQL's 65535). */
const INSERT_BATCH = 500;
/** Images written at the same time. */
const IMAGE_CONCURRENCY = 16;
/** Advisory lock taken while seeding, so two instances starting together do not both seed. */
const SEED_LOCK = 0x7365_6564; // "seed"

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
    @InjectRepository(Product) private readonly products: Repository<Product>,
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
   * deletes every product first and removes images no product owns any more. Rows become visible together, after
   * their images are stored.
   */
  async seed({ replace }: { replace: boolean }): Promise<SeedResult> {
    const started = Date.now();
    return this.products.manager.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      if (!replace) {
        const existing = await manager.count(Product);
        if (existing > 0)
          return { seeded: false, products: existing, images: 0, removedImages: 0, elapsedMs: Date.now() - started };
      } else {
        await manager.query('DELETE FROM "products"');
      }
      const catalogue = generateCatalogue(this.settings.seedProducts);
      const images = await this.storeImages(catalogue);
      for (let i = 0; i < catalogue.length; i += INSERT_BATCH) {
        const rows = catalogue.slice(i, i + INSERT_BATCH).map(toRow);
        await manager.createQueryBuilder().insert().into(Product).values(rows).updateEntity(false).execute();
      }
      const removedImages = replace
        ? await this.removeOrphanImages(new Set(catalogue.map((p) => productImageKey(p.id))))
        : 0;
      return { seeded: true, products: catalogue.length, images, removedImages, elapsedMs: Date.now() - started };
    });
  }

  private async storeImages(catalogue: readonly SeedProduct[]): Promise<number> {
    let next = 0;
    const worker = async () => {
      while (next < catalogue.length) {
        const product = catalogue[next++];
        await this.storage.put(productImageKey(product.id), Readable.from([renderProductImage(product.image)]), {
          contentType: 'image/png',
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, catalogue.length) }, worker));
    return catalogue.length;
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
