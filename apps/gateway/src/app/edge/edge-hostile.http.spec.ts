import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceUrlVariable } from '@ms/contracts-common';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { SERVICES } from '@ms/contracts-registry';
import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { createServiceApp } from '@ms/platform-core';
import { sendJson, UpstreamDouble } from '../../test/upstream-double';
import { AppModule } from '../app.module';
import { ManagementPort } from './management-port';

/**
 * The edge against hostile clients, over real sockets (the attacks live below what `inject` can express): oversized
 * bodies with and without `Expect: 100-continue`, crafted paths, spoofed client addresses, stalled clients, a busy
 * upstream, and the operational endpoints kept off the public port.
 */
const BODY_LIMIT = 1024 * 1024;
const OVERSIZED = randomBytes(3 * 1024 * 1024);

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Whether the server said `100 Continue` before its answer. */
  readonly continued: boolean;
}

/** One request with node:http (which can ask `Expect: 100-continue` and send the body only when told to). */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer; expectContinue?: boolean },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        agent: false,
        headers: {
          ...options.headers,
          ...(options.body ? { 'content-length': String(options.body.length) } : {}),
          ...(options.expectContinue ? { expect: '100-continue' } : {}),
        },
        signal: AbortSignal.timeout(5_000),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            continued,
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.expectContinue) {
      req.on('continue', () => {
        continued = true;
        req.end(options.body);
      });
    } else {
      req.end(options.body);
    }
  });
}

/** Writes `text` on a fresh connection as is (request lines no HTTP client would send) and returns the status. */
function rawRequest(port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('error', reject);
  });
}

/** A client that sends headers and part of the body it announced, then nothing. */
function stalledClient(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /api/user-management/sessions HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100\r\n\r\n{"email":',
        () => resolve(socket),
      );
    });
    socket.on('error', reject);
  });
}

async function startGateway(
  env: Record<string, string | undefined>,
): Promise<{ app: NestFastifyApplication; port: number }> {
  const app = await createServiceApp(AppModule, GATEWAY_SERVICE, env, { publicDocs: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.getHttpServer().address() as { port: number }).port };
}

describe('the edge against hostile clients', () => {
  /** The gateway's environment (never process.env itself): each <SERVICE>_URL points at that service's double. */
  const env: Record<string, string | undefined> = { ...process.env };
  const upstreams = new Map<string, UpstreamDouble>();
  let gateway: NestFastifyApplication;
  let port: number;
  let managementPort: number;
  const userManagement = () => upstreams.get(USER_MANAGEMENT_SERVICE.name) as UpstreamDouble;
  const productSearch = () => upstreams.get(PRODUCT_SEARCH_SERVICE.name) as UpstreamDouble;
  const received = () => [...upstreams.values()].flatMap((u) => u.received);
  const login = () =>
    send(port, {
      method: 'POST',
      path: '/api/user-management/sessions',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"email":"ada@example.com","password":"correct horse"}'),
    });

  beforeAll(async () => {
    for (const service of SERVICES.filter((s) => s.name !== GATEWAY_SERVICE.name)) {
      const double = await UpstreamDouble.start();
      upstreams.set(service.name, double);
      env[serviceUrlVariable(service.name)] = double.url;
    }
    ({ app: gateway, port } = await startGateway({
      ...env,
      NODE_ENV: 'test',
      SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
      // Long enough that nothing here is rescued by an upstream timeout.
      UPSTREAM_TIMEOUT_MS: '30000',
      MANAGEMENT_PORT: '0',
    }));
    managementPort = await gateway.get(ManagementPort).listen();
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([...upstreams.values()].map((u) => u.close()));
  });

  beforeEach(() => upstreams.forEach((u) => u.reset()));

  describe('oversized bodies', () => {
    it('are refused with 413 by the edge itself, 20 times in a row, and the next request still works', async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const refused = await send(port, {
          method: 'POST',
          path: '/api/user-management/users',
          headers: { 'content-type': 'application/json' },
          body: OVERSIZED,
        });
        expect({ attempt, status: refused.status }).toEqual({ attempt, status: 413 });
        expect(JSON.parse(refused.body)).toEqual({
          statusCode: 413,
          code: 'PAYLOAD_TOO_LARGE',
          error: 'Payload Too Large',
          message: expect.stringContaining(`at most ${BODY_LIMIT} bytes`),
        });
        expect((await login()).status).toBe(200);
      }
      expect(userManagement().received.map((r) => r.url)).toEqual(Array(20).fill('/sessions'));
    });

    it('are refused before `100 Continue`, so the body is never sent', async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const refused = await send(port, {
          method: 'POST',
          path: '/api/user-management/users',
          headers: { 'content-type': 'application/json' },
          body: OVERSIZED,
          expectContinue: true,
        });
        expect({ attempt, status: refused.status, continued: refused.continued }).toEqual({
          attempt,
          status: 413,
          continued: false,
        });
        expect((await login()).status).toBe(200);
      }
      expect(received().filter((r) => r.url === '/users')).toEqual([]);
    });

    it('says `100 Continue` to a body within the limit and forwards it whole', async () => {
      const body = Buffer.from(JSON.stringify({ email: 'ada@example.com', password: 'x'.repeat(1000) }));
      const answer = await send(port, {
        method: 'POST',
        path: '/api/user-management/users',
        headers: { 'content-type': 'application/json' },
        body,
        expectContinue: true,
      });
      expect({ status: answer.status, continued: answer.continued }).toEqual({ status: 200, continued: true });
      expect(userManagement().received[0].body.equals(body)).toBe(true);
    });

    it('are refused when they come chunked, without a length', async () => {
      const answer = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/user-management/users',
            agent: false,
            headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(OVERSIZED);
      });
      expect(answer).toBe(413);
      expect(received()).toEqual([]);
    });

    it("passes an upstream's own 4xx through unchanged", async () => {
      const refusal = {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        error: 'Payload Too Large',
        message: 'user-management says: too large',
      };
      userManagement().on('POST', /^\/users$/, (_req, res) => sendJson(res, 413, refusal));
      try {
        const answer = await send(port, {
          method: 'POST',
          path: '/api/user-management/users',
          headers: { 'content-type': 'application/json' },
          body: Buffer.from('{"email":"a@b.c"}'),
        });
        expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({ status: 413, body: refusal });
      } finally {
        userManagement().on('POST', /^\/users$/, (req, res) =>
          sendJson(res, 200, { echo: { method: req.method, url: req.url } }),
        );
      }
    });
  });

  describe('paths', () => {
    it('serve nothing under an encoded /api prefix', async () => {
      for (const path of [
        '/%61pi/product-search/categories',
        '/%61%70%69/product-search/products',
        '/API/product-search/categories',
      ]) {
        expect({ path, status: (await send(port, { path })).status }).toEqual({ path, status: 404 });
      }
      expect(received()).toEqual([]);
    });

    it('forward exactly the path authorised: a raw `#` is refused, not cut off by a URL parser', async () => {
      for (const target of [
        '/api/product-search/products/abc#/image',
        '/api/product-search/products/abc%23/image#',
        '/api/product-search/products/a?q=1#frag',
      ]) {
        const status = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n`);
        expect({ target, status }).toEqual({ target, status: 404 });
        expect({ target, forwarded: productSearch().received.map((r) => r.url) }).toEqual({ target, forwarded: [] });
      }
      const id = 'abc%23x';
      expect((await send(port, { path: `/api/product-search/products/${id}/image` })).status).toBe(200);
      expect(productSearch().received.map((r) => r.url)).toEqual([`/products/${id}/image`]);
    });
  });

  describe('client addresses', () => {
    it('replace a client-sent X-Forwarded-For (the client is no trusted proxy)', async () => {
      await send(port, {
        path: '/api/user-management/users/me',
        headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil' },
      });
      const [forwarded] = userManagement().received;
      expect(forwarded.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(forwarded.headers['x-forwarded-proto']).toBe('http');
      expect(forwarded.headers['x-forwarded-host']).toBe(`127.0.0.1:${port}`);
    });
  });

  describe('operational endpoints', () => {
    const operational = [
      '/health/live',
      '/health/ready',
      '/metrics',
      '/internal/docs-json',
      '/%6detrics',
      '/health/%72eady',
    ];

    it('are not found on the public port, however spelled', async () => {
      for (const path of operational) {
        expect({ path, status: (await send(port, { path })).status }).toEqual({ path, status: 404 });
      }
    });

    it('answer on the management port, which serves nothing else', async () => {
      const ready = await send(managementPort, { path: '/health/ready' });
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok' });
      expect((await send(managementPort, { path: '/health/live' })).status).toBe(200);
      const metrics = await send(managementPort, { path: '/metrics' });
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain('http_requests_total');
      for (const path of ['/', '/docs-json', '/api/product-search/categories']) {
        expect({ path, status: (await send(managementPort, { path })).status }).toEqual({ path, status: 404 });
      }
      expect(received()).toEqual([]);
    });
  });

  describe('slow clients', () => {
    it('130 stalled uploads hold no connection to a service: a normal request still answers', async () => {
      const stalled = await Promise.all(Array.from({ length: 130 }, () => stalledClient(port)));
      try {
        const answer = await login(); // rejects after 5 s
        expect(answer.status).toBe(200);
        expect(userManagement().received).toHaveLength(1);
      } finally {
        stalled.forEach((socket) => socket.destroy());
      }
    });
  });
});

describe('the edge in front of a busy service', () => {
  /** The gateway's environment (never process.env itself): each <SERVICE>_URL points at that service's double. */
  const env: Record<string, string | undefined> = { ...process.env };
  let upstream: UpstreamDouble;
  let gateway: NestFastifyApplication;
  let port: number;
  const hanging: (() => void)[] = [];

  beforeAll(async () => {
    upstream = await UpstreamDouble.start();
    upstream.on('GET', /^\/products\/hang$/, (_req, res) => void hanging.push(() => sendJson(res, 200, {})));
    for (const service of SERVICES) env[serviceUrlVariable(service.name)] = upstream.url;
    ({ app: gateway, port } = await startGateway({
      ...env,
      NODE_ENV: 'test',
      SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      UPSTREAM_TIMEOUT_MS: '30000',
      UPSTREAM_CONNECTIONS: '2',
      UPSTREAM_QUEUE_LIMIT: '2',
    }));
  });

  afterAll(async () => {
    hanging.forEach((answer) => answer());
    await gateway?.close();
    await upstream?.close();
  });

  it('answers 503 at once when its connections and queue are full, and serves again once they drain', async () => {
    const waiting = Array.from({ length: 4 }, () => send(port, { path: '/api/product-search/products/hang' }));
    while (hanging.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await send(port, { path: '/api/product-search/products/other' });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({
      statusCode: 503,
      code: 'UPSTREAM_BUSY',
      message: expect.stringContaining('busy'),
    });
    expect(refused.headers['retry-after']).toBe('1');
    let drained = false;
    const answers = Promise.all(waiting).finally(() => (drained = true));
    while (!drained) {
      hanging.splice(0).forEach((answer) => answer());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await answers).map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await send(port, { path: '/api/product-search/products/other' })).status).toBe(200);
  });
});
