export const CACHE_MODULE_OPTIONS = Symbol('CACHE_MODULE_OPTIONS');
export const CACHE_CONFIG = Symbol('CACHE_CONFIG');
export const CACHE_BACKEND = Symbol('CACHE_BACKEND');
