import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Public } from '../accessibility/access.decorators';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleModule, testEnv } from '../../test/sample-service';
import { jsonBodyProblem, MAX_JSON_DEPTH, requestTargetProblem } from './hostile-input';

/** A route with a path parameter: Fastify's router decodes those itself, before any hook. */
@Controller('things')
class ThingsController {
  @Public()
  @Get(':id')
  one(@Param('id') id: string) {
    return { id };
  }
}
@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('hostile input in a path parameter (refused by the router itself)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const routes = [{ method: 'GET' as const, path: '/things/:id', access: 'public' as const }];
    app = await createServiceApp(ThingsModule, { ...SAMPLE_SERVICE, accessibility: 'public', routes }, testEnv());
  });
  afterAll(() => app.close());

  it.each([
    ['/things/%E0%A4%A', 400, 'MALFORMED_REQUEST_TARGET', /"%" must start an escape/],
    ['/things/%ff', 400, 'MALFORMED_REQUEST_TARGET', /do not decode to UTF-8/],
    [`/things/${'a'.repeat(600)}`, 414, 'PATH_SEGMENT_TOO_LONG', /too long/],
  ])("answers GET %s in the platform shape, with the platform's code", async (url, status, code, message) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({
      statusCode: status,
      code,
      error: expect.any(String),
      message: expect.stringMatching(message),
    });
  });

  it('still serves a well-formed parameter', async () => {
    expect((await app.inject({ method: 'GET', url: '/things/caf%C3%A9' })).json()).toEqual({ id: 'café' });
  });
});

describe('hostile input, refused by every service before its handlers', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv());
  });
  afterAll(() => app.close());

  const expectBadRequest = (
    res: { statusCode: number; json: () => unknown },
    code: 'MALFORMED_REQUEST_TARGET' | 'HOSTILE_BODY',
    message: string | RegExp,
  ) => {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code,
      error: 'Bad Request',
      message: expect.stringMatching(message),
    });
  };

  it.each([
    ['/greetings?q=%00', /NUL control character \(%00\)/],
    ['/greetings?q=100%', /"%" must start an escape/],
    ['/greetings?q=%ff%fe', /do not decode to UTF-8/],
    ['/greetings?x=%', /"%" must start an escape/],
    ['/greetings/%00', /NUL control character/],
    ['/nope?category=%E0%A4%A', /"%" must start an escape/],
  ])('answers GET %s with 400 naming the problem', async (url, message) => {
    expectBadRequest(await app.inject({ method: 'GET', url }), 'MALFORMED_REQUEST_TARGET', message);
  });

  it("carries the platform's headers on such a refusal too: the caller's request id and the security headers", async () => {
    const res = await app.inject({ method: 'GET', url: '/greetings?q=%00', headers: { 'x-request-id': 'trace-400' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-request-id']).toBe('trace-400');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('still serves well-formed escapes', async () => {
    expect((await app.inject({ method: 'GET', url: '/greetings?q=caf%C3%A9%2025%25' })).statusCode).toBe(200);
  });

  it('answers a NUL character in a JSON string or key with 400 naming where it is', async () => {
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/greetings', payload: payload as object });
    expectBadRequest(
      await post({ text: 'a\u0000b', times: 1 }),
      'HOSTILE_BODY',
      /^body\.text contains a NUL control character/,
    );
    expectBadRequest(
      await post({ text: 'x', times: 1, ['k\u0000']: 1 }),
      'HOSTILE_BODY',
      /a key in body contains a NUL control character/,
    );
  });

  it('answers 200,000 nested arrays (400 KB) with 400 instead of overflowing the stack', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = await app.inject({
      method: 'POST',
      url: '/greetings',
      payload: `{"text":${deep},"times":1}`,
      headers: { 'content-type': 'application/json' },
    });
    expectBadRequest(res, 'HOSTILE_BODY', `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('keeps ordinary nesting', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) value = [value];
    expect(jsonBodyProblem({ a: value })).toBeUndefined();
    expect(jsonBodyProblem({ a: [value] })).toMatch(/deeper/);
    expect(requestTargetProblem('/a?b=c')).toBeUndefined();
  });
});
