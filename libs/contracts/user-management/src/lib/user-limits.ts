/**
 * The limits of an account's fields, as plain constants (no decorators, no imports): the DTOs validate by them and
 * browser code (the storefront) checks by them through `@ms/contracts-user-management/routes`.
 */
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 80;
/** Access tokens are short strings; anything longer is not one of ours. */
export const ACCESS_TOKEN_MAX_LENGTH = 4096;
