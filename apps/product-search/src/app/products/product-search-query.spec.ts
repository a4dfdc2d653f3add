import { BadRequestException } from '@nestjs/common';
import { MAX_COUNTED_TOTAL } from '@ms/contracts-product-search';
import {
  applyCorrections,
  CORRECTION_SIMILARITY,
  correctionsSql,
  countSql,
  matchesSql,
  normalizeSearch,
  pageSql,
  wordsToCorrect,
  type ProductSearch,
} from './product-search-query';

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

describe('search SQL', () => {
  const search = (overrides: Partial<ProductSearch> = {}): ProductSearch => ({
    sort: 'newest',
    page: 1,
    pageSize: 20,
    ...overrides,
  });
  const window = { limit: 20, offset: 0, fewMatches: false };

  it('counts at most one more than MAX_COUNTED_TOTAL, so "more than the cap" shows and the scan stops there', () => {
    expect(countSql(search(), 'all')).toEqual({
      text: 'SELECT count(*)::int AS "total" FROM (SELECT 1 FROM "products" p LIMIT $1) AS "matches"',
      values: [MAX_COUNTED_TOTAL + 1],
    });
  });

  it('counts where the name tier ends only as far as asked', () => {
    const { text, values } = countSql(search({ q: 'desk lamp', sort: 'relevance' }), 'name', 40);
    expect(text).toBe(
      `SELECT count(*)::int AS "total" FROM (SELECT 1 FROM "products" p WHERE p."name_vector" @@ websearch_to_tsquery('english', $1) LIMIT $2) AS "matches"`,
    );
    expect(values).toEqual(['desk lamp', 40]);
  });

  it("reads a browse page's ids from an index-only scan, then only the page's rows, with a unique tie-breaker", () => {
    const { text, values } = pageSql(search({ page: 3 }), 'all', { ...window, offset: 40 });
    expect(text).toBe(
      'SELECT p."id", p."sku", p."name", p."description", p."category", p."price_cents", p."stock", p."created_at" ' +
        'FROM (SELECT p."id" FROM "products" p ORDER BY p."created_at" DESC, p."id" DESC LIMIT $1 OFFSET $2) AS "page" ' +
        'JOIN "products" p ON p."id" = "page"."id" ORDER BY p."created_at" DESC, p."id" DESC',
    );
    expect(values).toEqual([20, 40]);
  });

  it('splits relevance into the name tier and the rest, each newest first', () => {
    const q = search({ q: 'lamp', sort: 'relevance' });
    expect(pageSql(q, 'name', window).text).toContain(`WHERE p."name_vector" @@ websearch_to_tsquery('english', $1)`);
    expect(pageSql(q, 'rest', window).text).toContain(
      `WHERE p."search_vector" @@ websearch_to_tsquery('english', $1) AND NOT (p."name_vector" @@ websearch_to_tsquery('english', $1))`,
    );
    // A negated word can leave a name that matches while the whole product does not: then both are tested.
    expect(pageSql({ ...q, q: 'lamp -desk' }, 'name', window).text).toContain(
      `WHERE p."search_vector" @@ websearch_to_tsquery('english', $1) AND p."name_vector" @@ websearch_to_tsquery('english', $1)`,
    );
    expect(pageSql(q, 'name', window).text).toContain('ORDER BY p."created_at" DESC, p."id" DESC LIMIT $2 OFFSET $3');
  });

  it('reads few matches whole (materialized) and sorts them, instead of walking an ordered index', () => {
    const { text } = pageSql(search({ q: 'lamp', sort: 'price_asc' }), 'all', { ...window, fewMatches: true });
    expect(text).toMatch(
      /^WITH "matches" AS MATERIALIZED \(SELECT .* FROM "products" p WHERE .*\) SELECT \* FROM "matches" m ORDER BY m."price_cents" ASC, m."id" ASC LIMIT \$2 OFFSET \$3$/,
    );
  });

  it('reads a text search in one statement: its matches once, up to the cap, and the page only when they are few', () => {
    const { text, values } = matchesSql(search({ q: 'lamp', category: 'Home', sort: 'relevance', page: 2 }), {
      limit: 20,
      offset: 20,
    });
    expect(text).toBe(
      'WITH "matches" AS MATERIALIZED (SELECT p."id", p."sku", p."name", p."description", p."category", ' +
        `p."price_cents", p."stock", p."created_at", p."name_vector" @@ websearch_to_tsquery('english', $3) AS "named" ` +
        `FROM "products" p WHERE p."search_vector" @@ websearch_to_tsquery('english', $1) AND p."category" = $2 ` +
        'LIMIT $4), "counted" AS (SELECT count(*)::int AS "total" FROM "matches") ' +
        'SELECT c."total", page.* FROM "counted" c LEFT JOIN LATERAL (SELECT m.* FROM "matches" m ' +
        'WHERE c."total" <= $5 ORDER BY m."named" DESC, m."created_at" DESC, m."id" DESC LIMIT $6 OFFSET $7) AS page ON true',
    );
    expect(values).toEqual(['lamp', 'Home', 'lamp', MAX_COUNTED_TOTAL + 1, MAX_COUNTED_TOTAL, 20, 20]);
    // Another order has no tiers: the matches in that order.
    expect(matchesSql(search({ q: 'lamp', sort: 'price_desc' }), { limit: 20, offset: 0 }).text).toContain(
      'ORDER BY m."price_cents" DESC, m."id" DESC LIMIT',
    );
    expect(() => matchesSql(search(), { limit: 20, offset: 0 })).toThrow(/needs a text/);
  });

  it('binds every filter as a parameter, never splicing input into the SQL', () => {
    const evil = `x'; DROP TABLE products; --`;
    const { text, values } = pageSql(
      search({ q: evil, category: evil, minPrice: 100, maxPrice: 900, sort: 'price_asc' }),
      'all',
      window,
    );
    expect(text).not.toContain('DROP');
    expect(text).toContain(`p."category" = $2 AND p."price_cents" >= $3 AND p."price_cents" <= $4`);
    expect(text).toContain('ORDER BY p."price_cents" ASC, p."id" ASC LIMIT $5 OFFSET $6');
    expect(values).toEqual([evil, evil, 100, 900, 20, 0]);
  });

  it('sorts by price descending on request', () => {
    expect(pageSql(search({ q: 'lamp', sort: 'price_desc' }), 'all', window).text).toContain(
      'ORDER BY p."price_cents" DESC, p."id" DESC',
    );
  });

  it('keeps zero as a price bound', () => {
    expect(countSql(search({ minPrice: 0, maxPrice: 0 }), 'all').values).toEqual([0, 0, MAX_COUNTED_TOTAL + 1]);
  });

  it('needs text for the relevance tiers', () => {
    expect(() => pageSql(search(), 'name', window)).toThrow(/needs a text/);
  });
});

describe('correcting misspelt words', () => {
  it('corrects the words of the text, not websearch syntax or very short words', () => {
    expect(wordsToCorrect('Dsk "lamp shade" or -lmap 2x Bürolampe lamp')).toEqual([
      'dsk',
      'lamp',
      'shade',
      'lmap',
      'bürolampe',
    ]);
  });

  it('replaces each corrected word and keeps the rest of the text as typed', () => {
    const corrections = new Map([
      ['dsk', 'desk'],
      ['lmap', 'lamp'],
    ]);
    expect(applyCorrections('Dsk "LMAP shade" or -lmap', corrections)).toBe('desk "lamp shade" or -lamp');
  });

  it('looks the words up as one bound array', () => {
    const { text, values } = correctionsSql(['dsk', 'lmap']);
    expect(text).toContain('unnest($1::text[])');
    expect(text).toContain('w."word" % t."typed"');
    expect(text).toContain('similarity(w."word", t."typed") >= $2');
    expect(values).toEqual([['dsk', 'lmap'], CORRECTION_SIMILARITY]);
  });
});
