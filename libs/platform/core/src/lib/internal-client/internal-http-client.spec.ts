import { Controller, Get, Module, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { Public } from '../accessibility/access.decorators';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleModule, testEnv } from '../../test/sample-service';
import { InternalHttpClient, UpstreamError } from './internal-http-client';

const CALLER: ServiceDescriptor = {
  name: 'caller',
  accessibility: 'public',
  defaultPort: 3997,
  routes: [{ method: 'GET', path: '/relay', access: 'public' }],
};

@Controller('relay')
class RelayController {
  constructor(private readonly client: InternalHttpClient) {}

  @Public()
  @Get()
  relay(@Query('path') path: string) {
    return this.client.call(SAMPLE_SERVICE, { method: 'GET', path });
  }
}

@Module({ controllers: [RelayController] })
class CallerModule {}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

describe('internal HTTP client between two running services', () => {
  let target: NestFastifyApplication;
  let caller: NestFastifyApplication;
  let silent: Server;
  // The caller's own environment: each test points SAMPLE_URL at the callee it needs.
  const callerEnv = testEnv();

  beforeAll(async () => {
    target = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv());
    await target.listen({ port: 0, host: '127.0.0.1' });
    caller = await createServiceApp(CallerModule, CALLER, callerEnv);
    silent = createServer(() => undefined); // accepts connections, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await caller.close();
    await target.close();
  });

  beforeEach(() => {
    callerEnv['SAMPLE_URL'] = `http://127.0.0.1:${portOf(target.getHttpServer())}`;
  });

  it('reaches an internal handler with a service token and forwards the request id', async () => {
    const res = await caller.inject({
      method: 'GET',
      url: '/relay?path=/secrets',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ secret: 42, caller: 'caller', requestId: 'trace-42' });
  });

  it('passes a 404 of the callee through', async () => {
    const res = await caller.inject({ method: 'GET', url: '/relay?path=/missing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      error: 'Not Found',
      message: 'Cannot GET /missing',
    });
  });

  it("keeps the callee's own code when its 4xx passes through, and derives one when it sent none", async () => {
    const answers: Record<string, [number, unknown]> = {
      '/coded': [409, { statusCode: 409, code: 'OUT_OF_STOCK', error: 'Conflict', message: 'only 2 left' }],
      '/uncoded': [422, { message: 'no code here' }],
      '/garbage-code': [404, { code: 'not a code', message: 'lower case' }],
    };
    const fake = createServer((req, res) => {
      const [status, body] = answers[req.url ?? ''] ?? [500, {}];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      callerEnv['SAMPLE_URL'] = `http://127.0.0.1:${portOf(fake)}`;
      const relay = async (path: string) => (await caller.inject({ method: 'GET', url: `/relay?path=${path}` })).json();
      expect(await relay('/coded')).toEqual({
        statusCode: 409,
        code: 'OUT_OF_STOCK',
        error: 'Conflict',
        message: 'only 2 left',
      });
      expect(await relay('/uncoded')).toMatchObject({ statusCode: 422, code: 'UNPROCESSABLE_ENTITY' });
      expect(await relay('/garbage-code')).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it('turns an unreachable service into 503', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    callerEnv['SAMPLE_URL'] = `http://127.0.0.1:${port}`;
    const res = await caller.inject({ method: 'GET', url: '/relay?path=/secrets' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringMatching(/^sample is unavailable/),
    });
  });

  it('gives up on a silent service after the timeout with 504', async () => {
    callerEnv['SAMPLE_URL'] = `http://127.0.0.1:${portOf(silent)}`;
    const client = caller.get(InternalHttpClient);
    const error = (await client
      .call(SAMPLE_SERVICE, { method: 'GET', path: '/secrets', timeoutMs: 300 })
      .catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.getStatus()).toBe(504);
    expect(error.message).toBe('sample GET /secrets did not answer within 300 ms');
    expect(error.getResponse()).toMatchObject({ statusCode: 504, code: 'UPSTREAM_TIMEOUT' });
  });

  it('reports a rejected service token as 502, not as the caller’s 401', async () => {
    const other = await createServiceApp(
      SampleModule,
      SAMPLE_SERVICE,
      testEnv({ SERVICE_TOKEN_SECRET: 'x'.repeat(40) }),
    );
    await other.listen({ port: 0, host: '127.0.0.1' });
    try {
      callerEnv['SAMPLE_URL'] = `http://127.0.0.1:${portOf(other.getHttpServer())}`;
      const res = await caller.inject({ method: 'GET', url: '/relay?path=/secrets' });
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({
        code: 'UPSTREAM_FAILED',
        message: 'sample GET /secrets failed with 401: service token invalid',
      });
      // The callee's own code stays readable for callers that tell its refusals apart.
      const error = (await caller
        .get(InternalHttpClient)
        .call(SAMPLE_SERVICE, { method: 'GET', path: '/secrets' })
        .catch((e: unknown) => e)) as UpstreamError;
      expect([error.upstreamStatus, error.upstreamCode]).toEqual([401, 'SERVICE_TOKEN_INVALID']);
    } finally {
      await other.close();
    }
  });
});
