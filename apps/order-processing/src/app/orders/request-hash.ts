import { createHash } from 'node:crypto';
import type { PlaceOrderDto } from '@ms/contracts-order-processing';

/** A request with ids lower-cased, as stored and compared. */
export interface NormalizedOrderRequest {
  readonly userId: string;
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
}

export function normalizeOrderRequest(input: PlaceOrderDto): NormalizedOrderRequest {
  return {
    userId: input.userId.toLowerCase(),
    items: input.items.map((item) => ({ productId: item.productId.toLowerCase(), quantity: item.quantity })),
  };
}

/**
 * SHA-256 (hex) of what the request asks for: the user and each product's quantity. Items are sorted, so listing the
 * same products in another order is the same request; JSON formatting and unknown details never reach the hash.
 */
export function hashOrderRequest(request: NormalizedOrderRequest): string {
  const items = [...request.items]
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map((item) => [item.productId, item.quantity]);
  return createHash('sha256')
    .update(JSON.stringify({ userId: request.userId, items }))
    .digest('hex');
}
