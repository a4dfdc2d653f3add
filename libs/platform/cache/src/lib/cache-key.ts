/**
 * Builds a cache key from a prefix and a query object, independent of property order:
 * `cacheKey('products', { q: 'lamp', page: 2 })` and `cacheKey('products', { page: 2, q: 'lamp' })` both give
 * `products:{"page":2,"q":"lamp"}`. Nested objects are sorted too, array order is kept, `undefined` properties are
 * left out (an absent filter and an undefined one are the same query). Values follow JSON (a Date becomes its ISO
 * string).
 */
export function cacheKey(prefix: string, query: object): string {
  if (typeof prefix !== 'string' || prefix.length === 0)
    throw new TypeError('cacheKey: prefix must be a non-empty string');
  return `${prefix}:${JSON.stringify(query, sortObjectKeys)}`;
}

function sortObjectKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
