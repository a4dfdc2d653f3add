import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as an upstream double received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type Respond = (request: ReceivedRequest, res: ServerResponse) => void | Promise<void>;

/**
 * A real HTTP server on loopback standing in for another service at its boundary: it records every request and
 * answers through `respond` (by default a JSON echo, so a wrongly forwarded request is visible as a 200).
 */
export class UpstreamDouble {
  readonly received: ReceivedRequest[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private routes: { method: string; pattern: RegExp; respond: Respond }[] = [];

  static async start(): Promise<UpstreamDouble> {
    const double = new UpstreamDouble();
    await new Promise<void>((resolve) => double.server.listen(0, '127.0.0.1', resolve));
    return double;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers `method` requests whose path (without query) matches `pattern`; the newest registration wins. */
  on(method: string, pattern: RegExp, respond: Respond): this {
    this.routes.unshift({ method, pattern, respond });
    return this;
  }

  reset(): void {
    this.received.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    this.received.push(request);
    const path = request.url.split('?')[0];
    const route = this.routes.find((r) => r.method === request.method && r.pattern.test(path));
    if (route) return route.respond(request, res);
    sendJson(res, 200, { echo: { method: request.method, url: request.url } });
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function jsonBody<T = unknown>(request: ReceivedRequest): T {
  return JSON.parse(request.body.toString('utf8')) as T;
}

/** A port nothing listens on (bound once, then released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
