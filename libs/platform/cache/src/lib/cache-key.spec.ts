import { cacheKey } from './cache-key';

describe('cacheKey', () => {
  it('does not depend on property order, also in nested objects', () => {
    const a = cacheKey('products', { q: 'lamp', page: 2, price: { min: 10, max: 50 } });
    const b = cacheKey('products', { price: { max: 50, min: 10 }, page: 2, q: 'lamp' });
    expect(a).toBe(b);
    expect(a).toBe('products:{"page":2,"price":{"max":50,"min":10},"q":"lamp"}');
  });

  it('leaves out undefined properties but keeps null and array order', () => {
    expect(cacheKey('p', { q: undefined, category: null, ids: [3, 1] })).toBe('p:{"category":null,"ids":[3,1]}');
    expect(cacheKey('p', { q: undefined })).toBe(cacheKey('p', {}));
  });

  it('tells different queries apart, including values that look alike', () => {
    expect(cacheKey('p', { page: 1 })).not.toBe(cacheKey('p', { page: '1' }));
    expect(cacheKey('p', { q: 'a' })).not.toBe(cacheKey('q', { q: 'a' }));
  });

  it('accepts class instances such as validated query DTOs', () => {
    class ProductQuery {
      q?: string = 'lamp';
      page = 1;
    }
    expect(cacheKey('products', new ProductQuery())).toBe('products:{"page":1,"q":"lamp"}');
  });

  it('refuses an empty prefix', () => {
    expect(() => cacheKey('', {})).toThrow('prefix must be a non-empty string');
  });
});
