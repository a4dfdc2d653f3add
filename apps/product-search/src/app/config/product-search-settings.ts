import { IsIn, IsInt, Max, Min } from 'class-validator';
import { asInt, Env, NodeEnvConfig, type OnConfigLoad } from '@ms/platform-core';

/** Upper bound of SEED_PRODUCTS (the catalogue is generated in memory, images are written one batch at a time). */
export const MAX_SEED_PRODUCTS = 100_000;

/**
 * This service's own variables (the platform and the adapters declare theirs), read once at start: inject
 * `ProductSearchSettings` (provided by `provideConfig(ProductSearchSettings)`).
 */
export class ProductSearchSettings extends NodeEnvConfig implements OnConfigLoad {
  /** How many products the seed catalogue has (0 = no catalogue at start). */
  @Env('SEED_PRODUCTS', asInt)
  @IsInt()
  @Min(0)
  @Max(MAX_SEED_PRODUCTS)
  readonly seedProducts: number = 1000;

  /** `false` stops the automatic seed of an empty catalogue at start (it never runs in production). */
  @Env('SEED_ON_START')
  @IsIn(['true', 'false'])
  private readonly seedOnStartVariable: 'true' | 'false' = 'true';

  /** Whether an empty catalogue is seeded at start. */
  seedOnStart = true;

  onConfigLoad(): void {
    this.seedOnStart = this.nodeEnv !== 'production' && this.seedOnStartVariable !== 'false';
  }
}
