import { BadRequestException } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, type ProductSort, type SearchProductsQueryDto } from '@ms/contracts-product-search';

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
 * How the text is matched: `browse` (no text), `text` (full-text: websearch_to_tsquery over the weighted
 * search_vector, ranked by ts_rank) or `fuzzy` (trigram word_similarity against the name, for misspelt words).
 */
export type SearchMode = 'browse' | 'text' | 'fuzzy';

/** Lowest word_similarity a fuzzy match needs (pg_trgm's default, 0.6, misses one wrong letter in short words). */
export const FUZZY_WORD_SIMILARITY = 0.45;

/** Text-search configuration, the same as the one the search_vector column is built with. */
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

const COLUMNS = `p."id", p."sku", p."name", p."description", p."category", p."price_cents", p."stock", p."created_at"`;

/**
 * The SQL of one search in one mode: a count of all matches and one page of them. Values are always bound
 * parameters, never spliced into the text. Every predicate and order has an index: GIN on search_vector (`@@`),
 * GIN trigram on name (`<%`), (category, …), (price_cents, id) and (created_at, id).
 */
export function buildSearchSql(search: ProductSearch, mode: SearchMode): { count: SqlQuery; page: SqlQuery } {
  if (mode !== 'browse' && !search.q) throw new Error(`search mode ${mode} needs a text`);
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const where: string[] = [];
  let rank = '0';

  if (mode === 'text') {
    const tsQuery = `websearch_to_tsquery(${TS_CONFIG}, ${bind(search.q)})`;
    where.push(`p."search_vector" @@ ${tsQuery}`);
    rank = `ts_rank(p."search_vector", ${tsQuery})`;
  } else if (mode === 'fuzzy') {
    // `<%` is true when word_similarity(q, name) reaches pg_trgm.word_similarity_threshold (set per transaction).
    const q = bind(search.q);
    where.push(`${q} <% p."name"`);
    rank = `word_similarity(${q}, p."name")`;
  }
  if (search.category !== undefined) where.push(`p."category" = ${bind(search.category)}`);
  if (search.minPrice !== undefined) where.push(`p."price_cents" >= ${bind(search.minPrice)}`);
  if (search.maxPrice !== undefined) where.push(`p."price_cents" <= ${bind(search.maxPrice)}`);

  const from = `FROM "products" p${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const count = { text: `SELECT count(*)::int AS "total" ${from}`, values: [...values] };
  const orderBy = ORDER_BY[search.sort === 'relevance' && mode === 'browse' ? 'newest' : search.sort];
  const limit = bind(search.pageSize);
  const offset = bind((search.page - 1) * search.pageSize);
  const page = {
    text: `SELECT ${COLUMNS}, ${rank} AS "rank" ${from} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
    values,
  };
  return { count, page };
}

/** Every order ends with a unique column, so pages never overlap or skip rows. */
const ORDER_BY: Record<ProductSort, string> = {
  relevance: `"rank" DESC, p."created_at" DESC, p."id" DESC`,
  price_asc: `p."price_cents" ASC, p."id" ASC`,
  price_desc: `p."price_cents" DESC, p."id" DESC`,
  newest: `p."created_at" DESC, p."id" DESC`,
};
