import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/** The one error shape every service returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
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

/** Converts any thrown value into an ErrorBody; 5xx details are logged, never sent. */
export function toErrorBody(exception: unknown, logger: Logger): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) logger.error(exception);
    return errorBody(status, messageOf(exception.getResponse(), exception.message));
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
