export * from './lib/product-search.service';
export * from './lib/product-search.client';
export * from './lib/dto/product.dto';
export * from './lib/events';
