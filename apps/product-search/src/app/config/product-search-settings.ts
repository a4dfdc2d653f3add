import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { envInt, validateEnv } from '@ms/platform-core';

/** Size of the seed catalogue when SEED_PRODUCTS is unset. */
export const DEFAULT_SEED_PRODUCTS = 1000;
/** Upper bound of SEED_PRODUCTS (the catalogue is generated in memory, images are written one batch at a time). */
export const MAX_SEED_PRODUCTS = 100_000;

/** This service's own environment variables (the platform and the adapters validate theirs). */
export class ProductSearchEnv {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: 'development' | 'test' | 'production';

  /** How many products the seed catalogue has (0 = no catalogue at start). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(0)
  @Max(MAX_SEED_PRODUCTS)
  SEED_PRODUCTS?: number;

  /** `false` stops the automatic seed of an empty catalogue at start (it never runs in production). */
  @IsOptional()
  @IsIn(['true', 'false'])
  SEED_ON_START?: 'true' | 'false';
}

/** Resolved settings, validated once at start: a bad value stops the service with a message naming the variable. */
export class ProductSearchSettings {
  constructor(
    readonly seedProducts: number,
    readonly seedOnStart: boolean,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv): ProductSearchSettings {
    const values = validateEnv(ProductSearchEnv, env);
    return new ProductSearchSettings(
      values.SEED_PRODUCTS ?? DEFAULT_SEED_PRODUCTS,
      values.NODE_ENV !== 'production' && values.SEED_ON_START !== 'false',
    );
  }
}
