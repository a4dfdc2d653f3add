import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@ms/contracts-order-processing';

/** The request's `Idempotency-Key` header, required and 8–128 of `[A-Za-z0-9_-]`, else 400 naming the header. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined || value === '') {
    throw new BadRequestException(`${IDEMPOTENCY_KEY_HEADER} header is required`);
  }
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new BadRequestException(
      `${IDEMPOTENCY_KEY_HEADER} header must be 8-128 characters of A-Z, a-z, 0-9, _ and -`,
    );
  }
  return value;
});
