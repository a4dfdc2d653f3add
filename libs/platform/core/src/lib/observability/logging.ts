import type { LoggerService } from '@nestjs/common';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type Bindings, type DestinationStream, type Logger, type LevelWithSilent, type LogFn } from 'pino';

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
  destination: DestinationStream = stdoutLines(),
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
    destination,
  );
}

let stdout: DestinationStream | undefined;
/** Log text gathered before a write: under load a few large writes, not one per line or per event-loop turn. */
const WRITE_CHARS = 16_384;
/** At most this late, when few lines come (a person reading a terminal, a test reading a log file). */
const WRITE_DELAY_MS = 50;

/**
 * Standard output for log lines, shared by the process's loggers: asynchronous (pino's sonic-boom), and batched. Lines
 * are joined and handed over 16 KB at a time, or 50 ms after the first one: line by line, sonic-boom measures its
 * pending text on every write (under load each line cost a scan of the ones before it) and a write is a hop to
 * libuv's thread pool. What is pending when the process exits is written synchronously, so a crash keeps its last
 * lines.
 */
export function stdoutLines(): DestinationStream {
  if (stdout) return stdout;
  const sonic = pino.destination({ dest: 1, sync: false });
  let pending: string[] = [];
  let pendingChars = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const lines = pending.join('');
    pending = [];
    pendingChars = 0;
    sonic.write(lines);
  };
  process.once('exit', () => {
    flush();
    try {
      sonic.flushSync();
    } catch {
      // stdout already closed: nothing left to write to
    }
  });
  stdout = {
    write(line: string) {
      pending.push(line);
      pendingChars += line.length;
      if (pendingChars >= WRITE_CHARS) flush();
      else if (!timer) (timer = setTimeout(flush, WRITE_DELAY_MS)).unref();
    },
  };
  return stdout;
}

/**
 * Fastify's `childLoggerFactory`: `request.log` made only when something logs through it. Most requests log nothing
 * but their completion line, which the log controller writes from the service's logger with the request id; making a
 * pino child for each of them was a measurable share of a request.
 */
export function lazyRequestLogger(logger: FastifyBaseLogger, bindings: Bindings): FastifyBaseLogger {
  return new LazyRequestLogger(logger, bindings) as unknown as FastifyBaseLogger;
}

class LazyRequestLogger {
  private made?: FastifyBaseLogger;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}
  private get logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings));
  }
  get level(): string {
    return this.made?.level ?? this.parent.level;
  }
  set level(level: string) {
    this.logger.level = level;
  }
  fatal(...args: Parameters<LogFn>): void {
    this.logger.fatal(...args);
  }
  error(...args: Parameters<LogFn>): void {
    this.logger.error(...args);
  }
  warn(...args: Parameters<LogFn>): void {
    this.logger.warn(...args);
  }
  info(...args: Parameters<LogFn>): void {
    this.logger.info(...args);
  }
  debug(...args: Parameters<LogFn>): void {
    this.logger.debug(...args);
  }
  trace(...args: Parameters<LogFn>): void {
    this.logger.trace(...args);
  }
  silent(...args: Parameters<LogFn>): void {
    this.logger.silent(...args);
  }
  child(...args: Parameters<FastifyBaseLogger['child']>): FastifyBaseLogger {
    return this.logger.child(...args);
  }
}

/**
 * Fastify's request logging, the platform's way: no `incoming request` line, one `request completed` line per
 * response (Fastify writes it once the response is sent, off the latency path) with method, URL, status and time,
 * from the service's logger (no per-request child);
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
    this.logger[level](
      {
        requestId: request.id,
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
