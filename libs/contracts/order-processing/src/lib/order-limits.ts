/**
 * The limits of an order, as plain constants (no decorators, no imports): the DTOs validate by them and browser code
 * (the storefront) checks by them through `@ms/contracts-order-processing/routes`.
 */
export const MAX_ORDER_ITEMS = 50;
/** Most units of one product in one order. */
export const MAX_ITEM_QUANTITY = 100;
export const DEFAULT_ORDER_LIST_LIMIT = 50;
export const MAX_ORDER_LIST_LIMIT = 100;
