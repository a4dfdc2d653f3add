import { BadRequestException, Injectable } from '@nestjs/common';
import type { CheckoutDto } from '@ms/contracts-gateway';
import {
  IDEMPOTENCY_KEY_PATTERN,
  OrderProcessingClient,
  type OrderDto,
  type OrderListDto,
} from '@ms/contracts-order-processing';
import type { UserDto } from '@ms/contracts-user-management';

/**
 * The storefront's view of orders: a logged-in user places an order from the cart and lists their own orders.
 * The user always comes from the verified token, never from the request body; order-processing prices the lines.
 */
@Injectable()
export class CustomerOrdersService {
  constructor(private readonly orders: OrderProcessingClient) {}

  checkout(user: UserDto, cart: CheckoutDto, idempotencyKey: string | undefined): Promise<OrderDto> {
    if (!idempotencyKey) {
      throw new BadRequestException(
        'Idempotency-Key header is required: one value per checkout attempt (e.g. a UUID), reused when retrying it',
      );
    }
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key must be 8-128 letters, digits, "_" or "-" (a UUID fits)');
    }
    const items = cart.items.map(({ productId, quantity }) => ({ productId, quantity }));
    return this.orders.placeOrder({ userId: user.id, items }, idempotencyKey);
  }

  list(user: UserDto): Promise<OrderListDto> {
    return this.orders.listOrders(user.id);
  }
}
