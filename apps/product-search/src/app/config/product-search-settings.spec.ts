import { DEFAULT_SEED_PRODUCTS, ProductSearchSettings } from './product-search-settings';

describe('ProductSearchSettings', () => {
  it('seeds 1000 products at start by default, outside production', () => {
    expect(ProductSearchSettings.fromEnv({})).toEqual({ seedProducts: DEFAULT_SEED_PRODUCTS, seedOnStart: true });
    expect(ProductSearchSettings.fromEnv({ NODE_ENV: 'development', SEED_PRODUCTS: '25' })).toEqual({
      seedProducts: 25,
      seedOnStart: true,
    });
  });

  it('never seeds at start in production, nor with SEED_ON_START=false', () => {
    expect(ProductSearchSettings.fromEnv({ NODE_ENV: 'production' }).seedOnStart).toBe(false);
    expect(ProductSearchSettings.fromEnv({ SEED_ON_START: 'false' }).seedOnStart).toBe(false);
  });

  it('names a bad variable', () => {
    expect(() => ProductSearchSettings.fromEnv({ SEED_PRODUCTS: 'many' })).toThrow(/SEED_PRODUCTS/);
    expect(() => ProductSearchSettings.fromEnv({ SEED_PRODUCTS: '-1' })).toThrow(/SEED_PRODUCTS/);
    expect(() => ProductSearchSettings.fromEnv({ SEED_ON_START: 'yes' })).toThrow(/SEED_ON_START/);
  });
});
