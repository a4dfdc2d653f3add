import { Module } from '@nestjs/common';
import { provideConfig } from '@ms/platform-core';
import { ProductSearchSettings } from '../config/product-search-settings';
import { CatalogueSeeder } from './catalogue-seeder';

/** The seed catalogue: loaded into an empty catalogue at start, or replacing it with `main.js --seed`. */
@Module({
  // The seed is the only reader of this service's own settings.
  providers: [provideConfig(ProductSearchSettings), CatalogueSeeder],
})
export class SeedModule {}
