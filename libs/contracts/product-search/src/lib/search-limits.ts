/** Longest search text (`q`) a search accepts; a longer one is a 400. Plain, so the storefront can import it. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
