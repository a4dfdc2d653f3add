import { type RouteTable, type ServiceDescriptor, type } from '@ms/contracts-common';
import type { OrderStatus } from './order-status';
import type { OrderDto, OrderListDto, PlaceOrderInput } from './dto/order.dto';

/**
 * order-processing's routes, each declared once: the service binds its handlers to them (`@Handles`), the platform
 * checks access and callers by them and the typed client calls them. All are for the gateway (its BFF) alone.
 */
export const ORDER_PROCESSING_ROUTES = {
  /** 201 with the new order, or 200 with the order an earlier attempt with the same idempotency key placed. */
  placeOrder: {
    method: 'POST',
    path: '/orders',
    access: 'internal',
    callers: ['gateway'],
    body: type<PlaceOrderInput>(),
    response: type<OrderDto>(),
  },
  listOrders: {
    method: 'GET',
    path: '/orders',
    access: 'internal',
    callers: ['gateway'],
    query: type<{ userId: string; limit?: number }>(),
    response: type<OrderListDto>(),
  },
  getOrder: {
    method: 'GET',
    path: '/orders/:id',
    access: 'internal',
    callers: ['gateway'],
    response: type<OrderDto>(),
  },
  setOrderStatus: {
    method: 'PATCH',
    path: '/orders/:id/status',
    access: 'internal',
    callers: ['gateway'],
    body: type<{ status: OrderStatus }>(),
    response: type<OrderDto>(),
  },
} as const satisfies RouteTable;

/**
 * order-processing: an internal service owned by team orders. Every handler needs a service token; the gateway
 * reaches it only through its BFF routes (e.g. checkout), never by forwarding, and is the only service allowed to
 * call it (`callers`).
 */
export const ORDER_PROCESSING_SERVICE = {
  name: 'order-processing',
  accessibility: 'internal',
  defaultPort: 3104,
  routes: Object.values(ORDER_PROCESSING_ROUTES),
} as const satisfies ServiceDescriptor;
