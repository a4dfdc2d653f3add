import { BadRequestException, Body, Controller, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  ListOrdersQueryDto,
  ORDER_PROCESSING_ROUTES,
  OrderDto,
  OrderListDto,
  PlaceOrderDto,
  SetOrderStatusDto,
} from '@ms/contracts-order-processing';
import { Handles } from '@ms/platform-core';
import { OrdersService } from './orders.service';
import { IdempotencyKey } from './idempotency-key.decorator';

const orderId = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/**
 * The order routes, each bound to its declaration in the contracts (all internal: only the services the table names,
 * with a service token). Thin: the rules live in OrdersService.
 */
@ApiTags('orders')
@Controller()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Handles(ORDER_PROCESSING_ROUTES.placeOrder)
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: 'Makes retries safe: the same key and body return the same order. 8–128 of [A-Za-z0-9_-].',
    schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_-]{8,128}$' },
  })
  @ApiCreatedResponse({ type: OrderDto, description: 'Order placed; prices and totals from product-search.' })
  @ApiOkResponse({
    type: OrderDto,
    description: `A retry: the order the key already placed (${IDEMPOTENT_REPLAYED_HEADER}: true).`,
  })
  @ApiBadRequestResponse({ description: 'Invalid body or Idempotency-Key.' })
  @ApiConflictResponse({ description: 'The Idempotency-Key was already used with a different body.' })
  @ApiUnprocessableEntityResponse({ description: 'A product does not exist.' })
  @ApiServiceUnavailableResponse({ description: 'product-search or the database is unavailable.' })
  async place(
    @Body() body: PlaceOrderDto,
    @IdempotencyKey() idempotencyKey: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { order, created } = await this.orders.place(body, idempotencyKey);
    return reply
      .status(created ? 201 : 200)
      .header(IDEMPOTENT_REPLAYED_HEADER, String(!created))
      .send(order);
  }

  @Handles(ORDER_PROCESSING_ROUTES.listOrders)
  @ApiOkResponse({ type: OrderListDto, description: "The user's orders, newest first." })
  list(@Query() query: ListOrdersQueryDto): Promise<OrderListDto> {
    return this.orders.list(query);
  }

  @Handles(ORDER_PROCESSING_ROUTES.getOrder)
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse()
  get(@Param('id', orderId) id: string): Promise<OrderDto> {
    return this.orders.get(id);
  }

  @Handles(ORDER_PROCESSING_ROUTES.setOrderStatus)
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not a valid transition (placed → paid → shipped, placed | paid → cancelled).' })
  setStatus(@Param('id', orderId) id: string, @Body() body: SetOrderStatusDto): Promise<OrderDto> {
    return this.orders.setStatus(id, body.status);
  }
}
