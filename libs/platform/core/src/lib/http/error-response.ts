import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { errorCodeOf, PLATFORM_ERROR_CODES, type ErrorBody } from '@ms/contracts-common';

/** The one error shape every service returns (declared in the contracts, where callers read it). */
export type { ErrorBody };

/**
 * The code of an error nothing more specific is known about: its status's reason phrase in UPPER_SNAKE (404
 * `NOT_FOUND`, 413 `PAYLOAD_TOO_LARGE`, 422 `UNPROCESSABLE_ENTITY`), except 500, which is `INTERNAL_ERROR`.
 * A status Node has no name for is `HTTP_<status>`.
 */
export function defaultErrorCode(statusCode: number): string {
  if (statusCode === 500) return 'INTERNAL_ERROR';
  const phrase = STATUS_CODES[statusCode];
  if (!phrase) return `HTTP_${statusCode}`;
  return phrase
    .replace(/'/g, '') // "I'm a Teapot" → IM_A_TEAPOT
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

export function errorBody(statusCode: number, message: string, code = defaultErrorCode(statusCode)): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/**
 * The one way a service answers an error with its own code: `throw new DomainError(409, ORDER_CODES.OUT_OF_STOCK,
 * 'only 2 left')`. Declare the codes callers match on in the service's contracts. The code must be UPPER_SNAKE.
 */
export class DomainError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
  ) {
    if (errorCodeOf({ code }) === undefined) throw new TypeError(`error code "${code}" is not UPPER_SNAKE`);
    super(errorBody(status, message, code), status);
  }
}

function messageOf(response: unknown, fallback: string): string {
  if (typeof response === 'string') return response;
  if (response && typeof response === 'object' && 'message' in response) {
    const message = (response as { message: unknown }).message;
    if (Array.isArray(message)) return message.map(String).join('; ');
    if (typeof message === 'string') return message;
  }
  return fallback;
}

/**
 * The code an HttpException's response carries (DomainError, UpstreamError), else VALIDATION_FAILED for the
 * ValidationPipe's refusals (the only 400 whose message is a list: one entry per failed constraint), else undefined.
 */
function codeOf(status: number, response: unknown): string | undefined {
  const code = errorCodeOf(response);
  if (code) return code;
  const message = response && typeof response === 'object' ? (response as { message?: unknown }).message : undefined;
  return status === 400 && Array.isArray(message) ? PLATFORM_ERROR_CODES.VALIDATION_FAILED : undefined;
}

/** Converts any thrown value into an ErrorBody; 5xx details are logged, never sent. */
export function toErrorBody(exception: unknown, logger: Logger): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) logger.error(exception);
    const response = exception.getResponse();
    return errorBody(status, messageOf(response, exception.message), codeOf(status, response));
  }
  const fastifyError = exception as Partial<FastifyError>;
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Fastify's own client errors (bad JSON, body too large, bad content type) carry safe messages.
    return errorBody(fastifyError.statusCode, fastifyError.message ?? 'Bad request');
  }
  logger.error(exception);
  return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
}

/** Turns an error an adapter knows (e.g. "the database is down") into the HttpException it means, else undefined. */
export type ErrorTranslation = (error: unknown) => HttpException | undefined;

/**
 * Where adapters register their error translations (inject it, `add` at module init). The error filter applies them
 * only to errors that reach it, so an adapter needs no interceptor (and no rxjs) around every handler.
 */
@Injectable()
export class ErrorTranslations {
  private readonly translations: ErrorTranslation[] = [];

  add(translation: ErrorTranslation): void {
    this.translations.push(translation);
  }

  translate(error: unknown): unknown {
    if (error instanceof HttpException) return error;
    for (const translation of this.translations) {
      const translated = translation(error);
      if (translated) return translated;
    }
    return error;
  }
}

/** Global Nest exception filter: uniform JSON errors for everything thrown inside handlers, guards and pipes. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly translations: ErrorTranslations) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(this.translations.translate(exception), this.logger);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
