import { BadRequestException, ConflictException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { ERROR_CODE_PATTERN } from '@ms/contracts-common';
import { defaultErrorCode, DomainError, errorBody, toErrorBody } from './error-response';

const silent = { error: jest.fn() } as unknown as Logger;

describe('defaultErrorCode', () => {
  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [408, 'REQUEST_TIMEOUT'],
    [409, 'CONFLICT'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [415, 'UNSUPPORTED_MEDIA_TYPE'],
    [418, 'IM_A_TEAPOT'],
    [422, 'UNPROCESSABLE_ENTITY'],
    [429, 'TOO_MANY_REQUESTS'],
    [500, 'INTERNAL_ERROR'],
    [502, 'BAD_GATEWAY'],
    [503, 'SERVICE_UNAVAILABLE'],
    [504, 'GATEWAY_TIMEOUT'],
    [599, 'HTTP_599'],
  ])('derives %i → %s from the status', (status, code) => {
    expect(defaultErrorCode(status)).toBe(code);
    expect(code).toMatch(ERROR_CODE_PATTERN);
  });

  it('is what errorBody uses unless a code is given', () => {
    expect(errorBody(404, 'gone')).toEqual({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'gone' });
    expect(errorBody(404, 'gone', 'USER_NOT_FOUND').code).toBe('USER_NOT_FOUND');
  });
});

describe('toErrorBody codes', () => {
  it("answers a DomainError's own code, status and message", () => {
    const error = new DomainError(HttpStatus.CONFLICT, 'OUT_OF_STOCK', 'only 2 left');
    expect(error.getStatus()).toBe(409);
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(toErrorBody(error, silent)).toEqual({
      statusCode: 409,
      code: 'OUT_OF_STOCK',
      error: 'Conflict',
      message: 'only 2 left',
    });
  });

  it('refuses a code that is not UPPER_SNAKE', () => {
    expect(() => new DomainError(409, 'out of stock', 'x')).toThrow(/UPPER_SNAKE/);
  });

  it("derives the code of Nest's own exceptions from their status", () => {
    expect(toErrorBody(new NotFoundException('user 1 not found'), silent).code).toBe('NOT_FOUND');
    expect(toErrorBody(new ConflictException('taken'), silent).code).toBe('CONFLICT');
    expect(toErrorBody(new BadRequestException('id must be a UUID'), silent).code).toBe('BAD_REQUEST');
  });

  it("answers VALIDATION_FAILED for the ValidationPipe's refusals (a list of failed constraints)", () => {
    const body = toErrorBody(new BadRequestException(['times must be an integer', 'text should not be empty']), silent);
    expect(body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      error: 'Bad Request',
      message: 'times must be an integer; text should not be empty',
    });
  });

  it('answers INTERNAL_ERROR for anything unexpected, and a 4xx Fastify error by its status', () => {
    expect(toErrorBody(new Error('hunter2'), silent)).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    const fastify = Object.assign(new Error('Unsupported Media Type'), {
      statusCode: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    });
    expect(toErrorBody(fastify, silent)).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
