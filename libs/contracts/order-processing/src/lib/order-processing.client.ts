import { callRoute, type ServiceCaller } from '@ms/contracts-common';
import { ORDER_PROCESSING_ROUTES as ROUTES, ORDER_PROCESSING_SERVICE } from './order-processing.service';
import { IDEMPOTENCY_KEY_HEADER, type OrderStatus } from './order-status';
import type { PlaceOrderInput } from './dto/order.dto';

/**
 * Typed calls to order-processing for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new OrderProcessingClient(internalHttpClient)`.
 */
export class OrderProcessingClient {
  constructor(private readonly caller: ServiceCaller) {}

  /**
   * Places an order; prices and totals are computed by order-processing. Retrying with the same `idempotencyKey`
   * (8–128 of `[A-Za-z0-9_-]`, e.g. a UUID made once per checkout attempt) and the same input returns the same order
   * instead of placing a second one; the same key with a different input fails with 409.
   */
  placeOrder(input: PlaceOrderInput, idempotencyKey: string) {
    return callRoute(this.caller, ORDER_PROCESSING_SERVICE, ROUTES.placeOrder, {
      body: input,
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    });
  }

  /** The user's orders, newest first (at most `limit`, default 50, max 100). */
  listOrders(userId: string, limit?: number) {
    return callRoute(this.caller, ORDER_PROCESSING_SERVICE, ROUTES.listOrders, { query: { userId, limit } });
  }

  getOrder(id: string) {
    return callRoute(this.caller, ORDER_PROCESSING_SERVICE, ROUTES.getOrder, { params: { id } });
  }

  /** Moves an order along its lifecycle (see ORDER_STATUS_TRANSITIONS); an invalid transition fails with 409. */
  setStatus(id: string, status: OrderStatus) {
    return callRoute(this.caller, ORDER_PROCESSING_SERVICE, ROUTES.setOrderStatus, {
      params: { id },
      body: { status },
    });
  }
}
