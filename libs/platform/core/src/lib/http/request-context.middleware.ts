import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestContext, resolveRequestId } from './request-context';

/** Runs the rest of the request inside a context that knows its request id. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    requestContext.run({ requestId: resolveRequestId(req, res) }, next);
  }
}
