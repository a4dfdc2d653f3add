import { bootstrapService } from '@ms/platform-core';
import { migrateAndExit } from '@ms/platform-database';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { AppModule } from './app/app.module';
import { DATABASE } from './database';
import { seedAndExit } from './app/seed/seed-command';

// `main.js --migrate-only` applies pending migrations and exits: how production migrates (a Job before rollout).
// `main.js --seed` replaces the catalogue with the deterministic seed catalogue (SEED_PRODUCTS products) and exits.
if (process.argv.includes('--migrate-only')) {
  void migrateAndExit(DATABASE);
} else if (process.argv.includes('--seed')) {
  void seedAndExit();
} else {
  void bootstrapService(AppModule, PRODUCT_SEARCH_SERVICE);
}
