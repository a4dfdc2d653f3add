import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@ms/platform-core';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { AppModule } from '../app.module';
import { CatalogueSeeder } from './catalogue-seeder';

/**
 * `main.js --seed` (`npx nx run product-search:seed`): builds the service without listening (migrations run as at
 * start outside production), replaces the catalogue with the seed catalogue of SEED_PRODUCTS products and their
 * images, prints what it did and exits 0, or prints the reason and exits 1.
 */
export async function seedAndExit(): Promise<never> {
  const name = PRODUCT_SEARCH_SERVICE.name;
  // The command seeds explicitly below; the automatic seed of an empty catalogue would only do the work twice.
  let app: NestFastifyApplication | undefined;
  try {
    app = await createServiceApp(AppModule, PRODUCT_SEARCH_SERVICE, { ...process.env, SEED_ON_START: 'false' });
    const result = await app.get(CatalogueSeeder).seed({ replace: true });
    await app.close();
    process.stdout.write(
      `${name}: seeded ${result.products} products and ${result.images} images` +
        `${result.removedImages ? ` (removed ${result.removedImages} stale images)` : ''} in ${result.elapsedMs} ms\n`,
    );
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${name}: seed failed: ${(error as Error)?.message ?? error}\n`);
    await app?.close().catch(() => undefined);
    process.exit(1);
  }
}
