import { BadRequestException } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  MAX_COUNTED_TOTAL,
  type ProductSort,
  type SearchProductsQueryDto,
} from '@ms/contracts-product-search';

/** A validated search with every default applied: equal searches are equal objects (and share a cache entry). */
export interface ProductSearch {
  readonly q?: string;
  readonly category?: string;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly sort: ProductSort;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Which products a query reads: `all` of the filters' matches (with text: every full-text match), or one of the two
 * relevance tiers of a text search, `name` (the name matches the text too) and `rest` (only the description does).
 */
export type Scope = 'all' | 'name' | 'rest';

/** Lowest trigram similarity of a correction to the word that was typed (pg_trgm's default threshold for `%`). */
export const CORRECTION_SIMILARITY = 0.3;
/** Typed words shorter than this are never corrected (too few trigrams to tell words apart). */
export const MIN_CORRECTED_LENGTH = 3;

/** Text-search configuration, the same as the one the search_vector and name_vector columns are built with. */
const TS_CONFIG = `'english'`;

export interface SqlQuery {
  readonly text: string;
  readonly values: unknown[];
}

/** Applies the defaults (page 1, 20 per page, relevance with text else newest) and checks the price range. */
export function normalizeSearch(query: SearchProductsQueryDto): ProductSearch {
  const q = query.q?.replace(/\s+/g, ' ').trim() || undefined;
  const { minPrice, maxPrice } = query;
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    throw new BadRequestException('minPrice must not be greater than maxPrice');
  }
  const sort = query.sort ?? (q ? 'relevance' : 'newest');
  return {
    q,
    category: query.category || undefined,
    minPrice,
    maxPrice,
    // Without text there is nothing to rank by: relevance means newest first.
    sort: sort === 'relevance' && !q ? 'newest' : sort,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

export const COLUMNS = ['id', 'sku', 'name', 'description', 'category', 'price_cents', 'stock', 'created_at'] as const;
const columns = (alias: string) => COLUMNS.map((column) => `${alias}."${column}"`).join(', ');

/**
 * Every order ends with the unique id, so pages never overlap or skip rows, and each is the column order of an index
 * (`created_at, id`, `price_cents, id`, and the same after `category`). Relevance is the two text tiers, each newest
 * first (see ProductCatalog), so within a query it is `newest`.
 */
const ORDER_BY: Record<ProductSort, (alias: string) => string> = {
  relevance: (a) => `${a}."created_at" DESC, ${a}."id" DESC`,
  newest: (a) => `${a}."created_at" DESC, ${a}."id" DESC`,
  price_asc: (a) => `${a}."price_cents" ASC, ${a}."id" ASC`,
  price_desc: (a) => `${a}."price_cents" DESC, ${a}."id" DESC`,
};

/** Values are always bound parameters, never spliced into the text. */
class Sql {
  readonly values: unknown[] = [];
  bind(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** websearch_to_tsquery's negation: a `-` starting a word. */
const NEGATION = /(^|\s)-/;

/** The WHERE clause of a search in a scope (empty for a browse without filters). */
function where(sql: Sql, search: ProductSearch, scope: Scope): string {
  const conditions: string[] = [];
  if (search.q !== undefined) {
    const tsQuery = `websearch_to_tsquery(${TS_CONFIG}, ${sql.bind(search.q)})`;
    // The name's lexemes are part of search_vector's, so a name match is a match, unless a word is negated (`-lamp`).
    // Only then is search_vector tested too: the planner takes the two tests as independent and, seeing a rare pair,
    // would read every match instead of walking the newest.
    if (scope !== 'name' || NEGATION.test(search.q)) conditions.push(`p."search_vector" @@ ${tsQuery}`);
    if (scope === 'name') conditions.push(`p."name_vector" @@ ${tsQuery}`);
    if (scope === 'rest') conditions.push(`NOT (p."name_vector" @@ ${tsQuery})`);
  } else if (scope !== 'all') {
    throw new Error(`search scope ${scope} needs a text`);
  }
  if (search.category !== undefined) conditions.push(`p."category" = ${sql.bind(search.category)}`);
  if (search.minPrice !== undefined) conditions.push(`p."price_cents" >= ${sql.bind(search.minPrice)}`);
  if (search.maxPrice !== undefined) conditions.push(`p."price_cents" <= ${sql.bind(search.maxPrice)}`);
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * How many products match, counted up to MAX_COUNTED_TOTAL + 1 (so "more than the cap" is visible): the scan stops
 * there, whatever the number of matches. `limit` sets another bound (where the name tier ends, on a deep page).
 */
export function countSql(search: ProductSearch, scope: Scope, limit = MAX_COUNTED_TOTAL + 1): SqlQuery {
  const sql = new Sql();
  const text = `SELECT count(*)::int AS "total" FROM (SELECT 1 FROM "products" p${where(sql, search, scope)} LIMIT ${sql.bind(limit)}) AS "matches"`;
  return { text, values: sql.values };
}

/**
 * A text search in one statement, reading each match once: up to MAX_COUNTED_TOTAL + 1 matches (so "more than the
 * cap" is visible), and, when there are no more than the cap, the page of them in the search's order (relevance: the
 * name tier, then the rest, each newest first). Every row carries `total` (the capped count); without page rows
 * (none on this page, or more matches than the cap, which the ordered index walks serve) one row has `total` only.
 * Instead of a count, a page and a second tier's page, each a round trip and a read of the same rows.
 */
export function matchesSql(search: ProductSearch, window: { limit: number; offset: number }): SqlQuery {
  if (search.q === undefined) throw new Error('matchesSql needs a text');
  const sql = new Sql();
  const filter = where(sql, search, 'all');
  const named = `p."name_vector" @@ websearch_to_tsquery(${TS_CONFIG}, ${sql.bind(search.q)})`;
  const cap = sql.bind(MAX_COUNTED_TOTAL + 1);
  const fewest = sql.bind(MAX_COUNTED_TOTAL);
  const tiers = search.sort === 'relevance' ? `m."named" DESC, ` : '';
  return {
    text:
      `WITH "matches" AS MATERIALIZED (SELECT ${columns('p')}, ${named} AS "named" FROM "products" p${filter} ` +
      `LIMIT ${cap}), "counted" AS (SELECT count(*)::int AS "total" FROM "matches") ` +
      `SELECT c."total", page.* FROM "counted" c LEFT JOIN LATERAL (SELECT m.* FROM "matches" m ` +
      `WHERE c."total" <= ${fewest} ORDER BY ${tiers}${ORDER_BY[search.sort]('m')} ` +
      `LIMIT ${sql.bind(window.limit)} OFFSET ${sql.bind(window.offset)}) AS page ON true`,
    values: sql.values,
  };
}

export interface PageWindow {
  readonly limit: number;
  readonly offset: number;
  /**
   * `true` when the matches are known to be few (≤ MAX_COUNTED_TOTAL): read them all through the indexes that find
   * them and sort them, instead of walking an ordered index and testing each row (which, for a rare word, would read
   * most of the catalogue). A MATERIALIZED CTE keeps the planner from choosing the walk on an independence guess.
   */
  readonly fewMatches: boolean;
}

/**
 * One page of a search in a scope. Without text, the page's ids come from an index-only scan (the OFFSET skips index
 * entries, not rows) and only the page's rows are read.
 */
export function pageSql(search: ProductSearch, scope: Scope, window: PageWindow): SqlQuery {
  const sql = new Sql();
  const order = ORDER_BY[search.sort];
  const filter = where(sql, search, scope);
  const limit = sql.bind(window.limit);
  const offset = sql.bind(window.offset);
  if (window.fewMatches) {
    return {
      text:
        `WITH "matches" AS MATERIALIZED (SELECT ${columns('p')} FROM "products" p${filter}) ` +
        `SELECT * FROM "matches" m ORDER BY ${order('m')} LIMIT ${limit} OFFSET ${offset}`,
      values: sql.values,
    };
  }
  if (search.q === undefined) {
    return {
      text:
        `SELECT ${columns('p')} FROM (SELECT p."id" FROM "products" p${filter} ORDER BY ${order('p')} ` +
        `LIMIT ${limit} OFFSET ${offset}) AS "page" JOIN "products" p ON p."id" = "page"."id" ORDER BY ${order('p')}`,
      values: sql.values,
    };
  }
  return {
    text: `SELECT ${columns('p')} FROM "products" p${filter} ORDER BY ${order('p')} LIMIT ${limit} OFFSET ${offset}`,
    values: sql.values,
  };
}

/**
 * The words of a text as the catalogue's vocabulary stores them (lower-case letters and digits), for correction:
 * `or` is websearch syntax, not a word; short words are left alone.
 */
export function wordsToCorrect(q: string): string[] {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= MIN_CORRECTED_LENGTH && word !== 'or'))];
}

/**
 * For each typed word that is not in the vocabulary (product_words), the most similar word that is, if any reaches
 * CORRECTION_SIMILARITY; ties by the word, so it is deterministic. `%` (pg_trgm.similarity_threshold, 0.3 by default)
 * lets the GIN trigram index find the candidates; the explicit bound holds whatever the server's setting. One
 * statement, no transaction: a misspelt search costs one round trip more than a plain one.
 */
export function correctionsSql(words: readonly string[]): SqlQuery {
  return {
    text:
      `SELECT t."typed", (SELECT w."word" FROM "product_words" w WHERE w."word" % t."typed" ` +
      `AND similarity(w."word", t."typed") >= $2 ORDER BY similarity(w."word", t."typed") DESC, w."word" LIMIT 1) ` +
      `AS "correction" FROM unnest($1::text[]) AS t("typed") ` +
      `WHERE NOT EXISTS (SELECT 1 FROM "product_words" w WHERE w."word" = t."typed")`,
    values: [words, CORRECTION_SIMILARITY],
  };
}

/** The text with each corrected word replaced (case-insensitively), everything else (quotes, `-`, `or`) kept. */
export function applyCorrections(q: string, corrections: ReadonlyMap<string, string>): string {
  return q.replace(/[\p{L}\p{N}]+/gu, (word) => corrections.get(word.toLowerCase()) ?? word);
}
