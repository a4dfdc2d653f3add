import type { LoggerService } from '@nestjs/common';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

const QUIET_PATHS = ['/health/', '/metrics'];

/**
 * The service's one pino logger: JSON lines named after the service. Fastify uses it (so its own messages and
 * `request.log` carry the request id as `requestId`) and Nest's log calls go through it. Requests are logged by the
 * serializers below, which never include headers: authorization, service tokens and cookies cannot reach the log
 * (cheaper than redacting, which clones every line).
 */
export function createLogger(
  serviceName: string,
  level: string,
  destination: DestinationStream = pino.destination({ dest: 1, sync: false }),
): Logger {
  return pino(
    {
      name: serviceName,
      level,
      serializers: {
        req: (request: FastifyRequest) => ({ method: request.method, url: request.url, remoteAddress: request.ip }),
        res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    // Asynchronous: under load, lines written while a write is in flight go out together in the next one instead
    // of a blocking write per line; pino flushes what is left when the process exits.
    destination,
  );
}

/**
 * Fastify's request logging, the platform's way: no `incoming request` line, one `request completed` line per
 * response (Fastify writes it once the response is sent, off the latency path) with method, URL, status and time;
 * warn for 4xx, error for 5xx; probes and scrapes are not logged. The request id is logged as `requestId`.
 */
export class RequestLogController extends LogController {
  constructor(private readonly logger: Logger) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override isLogDisabled(request: { url?: string }): boolean {
    const url = request.url ?? '';
    return QUIET_PATHS.some((path) => url.startsWith(path));
  }

  override incomingRequest(): void {
    // One line per request is enough: the completion line says what came in too.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (!this.logger.isLevelEnabled('info') || this.isLogDisabled(request)) return;
    const status = reply.statusCode;
    const level = error || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    request.log[level](
      {
        req: request,
        res: reply,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        ...(error ? { err: error } : {}),
      },
      'request completed',
    );
  }
}

/** Nest's LoggerService over pino: `context` becomes a field; errors keep their stack. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Exclude<LevelWithSilent, 'silent'>, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    // Nest passes the context last (`log(message, context)`, `error(message, stack, context)`).
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? params.pop() : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields['context'] = context;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
    } else {
      if (stack) fields['stack'] = stack;
      this.logger[level](fields, String(message));
    }
  }
}
