import { bootstrapService } from '@ms/platform-core';
import { migrateAndExit } from '@ms/platform-database';
import { ORDER_PROCESSING_SERVICE } from '@ms/contracts-order-processing';
import { AppModule } from './app/app.module';
import { DATABASE } from './database';

// `main.js --migrate-only` applies pending migrations and exits: how production migrates (a Job before rollout).
if (process.argv.includes('--migrate-only')) {
  void migrateAndExit(DATABASE);
} else {
  void bootstrapService(AppModule, ORDER_PROCESSING_SERVICE);
}
