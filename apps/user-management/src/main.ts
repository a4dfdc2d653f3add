import { bootstrapService } from '@ms/platform-core';
import { migrateAndExit } from '@ms/platform-database';
import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { AppModule } from './app/app.module';
import { DATABASE } from './database';

// `main.js --migrate-only` applies pending migrations and exits: how production migrates (a Job before rollout).
if (process.argv.includes('--migrate-only')) {
  void migrateAndExit(DATABASE);
} else {
  void bootstrapService(AppModule, USER_MANAGEMENT_SERVICE);
}
