/** Where a product's image lives in file storage. */
export function productImageKey(productId: string): string {
  return `products/${productId}.png`;
}

/** Folder of all product images (for listing). */
export const PRODUCT_IMAGE_PREFIX = 'products/';

/** Images are revalidated cheaply with their ETag (304) after this long. */
export const PRODUCT_IMAGE_CACHE_CONTROL = 'public, max-age=300';
