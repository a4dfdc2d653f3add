import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { resolveRequestId } from '../http/request-context';

const QUIET_PATHS = ['/health/', '/metrics'];

/** pino (nestjs-pino) configuration: JSON lines with the request id, secrets redacted, probes not logged. */
export function loggerParams(serviceName: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      name: serviceName,
      genReqId: (req: IncomingMessage, res: ServerResponse) => resolveRequestId(req, res),
      autoLogging: { ignore: (req) => QUIET_PATHS.some((path) => req.url?.startsWith(path)) },
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-service-token"]', 'req.headers.cookie'],
        censor: '[redacted]',
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
