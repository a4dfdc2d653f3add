import { BadRequestException } from '@nestjs/common';
import { buildSearchSql, normalizeSearch, type ProductSearch } from './product-search-query';

describe('normalizeSearch', () => {
  it('applies the defaults: page 1, 20 per page, newest first without text, relevance with it', () => {
    expect(normalizeSearch({})).toEqual({ sort: 'newest', page: 1, pageSize: 20 });
    expect(normalizeSearch({ q: '  desk   lamp ' })).toEqual({
      q: 'desk lamp',
      sort: 'relevance',
      page: 1,
      pageSize: 20,
    });
  });

  it('treats relevance without text as newest, and blank text as none, so equal searches share a cache key', () => {
    expect(normalizeSearch({ sort: 'relevance' })).toEqual(normalizeSearch({}));
    expect(normalizeSearch({ q: '   ' })).toEqual(normalizeSearch({}));
  });

  it('refuses an inverted price range, naming it', () => {
    expect(() => normalizeSearch({ minPrice: 500, maxPrice: 100 })).toThrow(BadRequestException);
    expect(() => normalizeSearch({ minPrice: 500, maxPrice: 100 })).toThrow(
      /minPrice must not be greater than maxPrice/,
    );
    expect(normalizeSearch({ minPrice: 100, maxPrice: 100 })).toMatchObject({ minPrice: 100, maxPrice: 100 });
  });
});

describe('buildSearchSql', () => {
  const search = (overrides: Partial<ProductSearch> = {}): ProductSearch => ({
    sort: 'newest',
    page: 1,
    pageSize: 20,
    ...overrides,
  });

  it('browses without a WHERE clause, newest first, with a unique tie-breaker', () => {
    const { count, page } = buildSearchSql(search(), 'browse');
    expect(count).toEqual({ text: 'SELECT count(*)::int AS "total" FROM "products" p', values: [] });
    expect(page.text).toContain('ORDER BY p."created_at" DESC, p."id" DESC LIMIT $1 OFFSET $2');
    expect(page.values).toEqual([20, 0]);
  });

  it('matches text with websearch_to_tsquery over the search vector and ranks with ts_rank', () => {
    const { count, page } = buildSearchSql(
      search({ q: 'desk lamp', sort: 'relevance', page: 3, pageSize: 10 }),
      'text',
    );
    expect(count.text).toBe(
      `SELECT count(*)::int AS "total" FROM "products" p WHERE p."search_vector" @@ websearch_to_tsquery('english', $1)`,
    );
    expect(page.text).toContain(`ts_rank(p."search_vector", websearch_to_tsquery('english', $1)) AS "rank"`);
    expect(page.text).toContain('ORDER BY "rank" DESC, p."created_at" DESC, p."id" DESC LIMIT $2 OFFSET $3');
    expect(page.values).toEqual(['desk lamp', 10, 20]);
  });

  it('falls back to trigram word similarity against the name', () => {
    const { count, page } = buildSearchSql(search({ q: 'dsk lamp', sort: 'relevance' }), 'fuzzy');
    expect(count.text).toContain('WHERE $1 <% p."name"');
    expect(page.text).toContain('word_similarity($1, p."name") AS "rank"');
    expect(page.text).toContain('ORDER BY "rank" DESC');
  });

  it('binds every filter as a parameter, never splicing input into the SQL', () => {
    const evil = `x'; DROP TABLE products; --`;
    const { count, page } = buildSearchSql(
      search({ q: evil, category: evil, minPrice: 100, maxPrice: 900, sort: 'price_asc' }),
      'text',
    );
    expect(count.text).not.toContain('DROP');
    expect(count.text).toContain(`p."category" = $2 AND p."price_cents" >= $3 AND p."price_cents" <= $4`);
    expect(count.values).toEqual([evil, evil, 100, 900]);
    expect(page.text).toContain('ORDER BY p."price_cents" ASC, p."id" ASC LIMIT $5 OFFSET $6');
    expect(page.values).toEqual([evil, evil, 100, 900, 20, 0]);
  });

  it('sorts by price descending and by newest on request, whatever the text mode', () => {
    expect(buildSearchSql(search({ q: 'lamp', sort: 'price_desc' }), 'text').page.text).toContain(
      'ORDER BY p."price_cents" DESC, p."id" DESC',
    );
    expect(buildSearchSql(search({ q: 'lamp', sort: 'newest' }), 'fuzzy').page.text).toContain(
      'ORDER BY p."created_at" DESC, p."id" DESC',
    );
  });

  it('keeps zero as a price bound', () => {
    expect(buildSearchSql(search({ minPrice: 0, maxPrice: 0 }), 'browse').count.values).toEqual([0, 0]);
  });

  it('needs text for the text modes', () => {
    expect(() => buildSearchSql(search(), 'text')).toThrow(/needs a text/);
  });
});
