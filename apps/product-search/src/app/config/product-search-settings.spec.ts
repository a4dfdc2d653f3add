import { loadConfig } from '@ms/platform-core';
import { ProductSearchSettings } from './product-search-settings';

describe('ProductSearchSettings', () => {
  it('seeds 1000 products at start by default, outside production', () => {
    expect(loadConfig(ProductSearchSettings, {})).toMatchObject({ seedProducts: 1000, seedOnStart: true });
    expect(loadConfig(ProductSearchSettings, { NODE_ENV: 'development', SEED_PRODUCTS: '25' })).toMatchObject({
      seedProducts: 25,
      seedOnStart: true,
    });
  });

  it('never seeds at start in production, nor with SEED_ON_START=false', () => {
    expect(loadConfig(ProductSearchSettings, { NODE_ENV: 'production' }).seedOnStart).toBe(false);
    expect(loadConfig(ProductSearchSettings, { SEED_ON_START: 'false' }).seedOnStart).toBe(false);
  });

  it('names a bad variable', () => {
    expect(() => loadConfig(ProductSearchSettings, { SEED_PRODUCTS: 'many' })).toThrow(
      'SEED_PRODUCTS must be an integer number',
    );
    expect(() => loadConfig(ProductSearchSettings, { SEED_PRODUCTS: '-1' })).toThrow(
      'SEED_PRODUCTS must not be less than 0',
    );
    expect(() => loadConfig(ProductSearchSettings, { SEED_ON_START: 'yes' })).toThrow(
      'SEED_ON_START must be one of the following values: true, false',
    );
  });
});
