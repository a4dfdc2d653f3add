import { Body, Controller, Headers, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CHECKOUT_IDEMPOTENCY_HEADER, CheckoutDto, GATEWAY_ROUTES } from '@ms/contracts-gateway';
import { OrderDto, OrderListDto } from '@ms/contracts-order-processing';
import type { UserDto } from '@ms/contracts-user-management';
import { Handles } from '@ms/platform-core';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { CheckoutThrottleGuard } from './checkout-throttle.guard';
import { CustomerOrdersService } from './customer-orders.service';

/**
 * The storefront's BFF routes (checkout and "my orders"), each bound to its declaration in the gateway's contracts:
 * public at the edge, for a logged-in user; they call internal services.
 */
@ApiTags('gateway')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid or expired one' })
@UseGuards(UserAuthGuard)
@Controller()
export class CustomerOrdersController {
  constructor(private readonly orders: CustomerOrdersService) {}

  @Handles(GATEWAY_ROUTES.checkout)
  @UseGuards(CheckoutThrottleGuard)
  @ApiHeader({
    name: CHECKOUT_IDEMPOTENCY_HEADER,
    required: true,
    description: 'One value per checkout attempt (8-128 of A-Z a-z 0-9 _ -, e.g. a UUID); resend it when retrying',
  })
  @ApiCreatedResponse({ type: OrderDto, description: 'The order (the same one again when a checkout is retried)' })
  @ApiBadRequestResponse({ description: 'Empty cart, bad line or missing Idempotency-Key' })
  @ApiUnprocessableEntityResponse({ description: 'A product in the cart does not exist' })
  @ApiTooManyRequestsResponse({ description: 'Too many checkouts by this user (CHECKOUTS_PER_USER per window)' })
  checkout(
    @CurrentUser() user: UserDto,
    @Body() cart: CheckoutDto,
    @Headers(CHECKOUT_IDEMPOTENCY_HEADER.toLowerCase()) idempotencyKey: string | undefined,
  ): Promise<OrderDto> {
    return this.orders.checkout(user, cart, idempotencyKey);
  }

  @Handles(GATEWAY_ROUTES.listMyOrders)
  @ApiOkResponse({ type: OrderListDto, description: "The logged-in user's orders, newest first" })
  myOrders(@CurrentUser() user: UserDto): Promise<OrderListDto> {
    return this.orders.list(user);
  }
}
