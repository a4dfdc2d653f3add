import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServiceUnavailableException } from '@nestjs/common';
import { createServiceApp } from '../bootstrap/create-service-app';
import { ErrorTranslations } from './error-response';
import { SAMPLE_SERVICE, SampleModule, testEnv } from '../../test/sample-service';

describe('error responses and input validation', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv({ BODY_LIMIT_BYTES: '2048' }));
  });
  afterAll(() => app.close());

  const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.inject({ method: 'POST', url: '/greetings', payload, headers });

  it('accepts a valid body and transforms it', async () => {
    const res = await post(JSON.stringify({ text: 'hi', times: 2 }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ text: 'hihi', timesType: 'number' });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await post('{"text": "hi",');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      error: 'Bad Request',
      message: expect.stringMatching(/JSON/),
    });
  });

  it('answers an unknown field with 400 naming it', async () => {
    const res = await post(JSON.stringify({ text: 'hi', times: 1, admin: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      error: 'Bad Request',
      message: 'property admin should not exist',
    });
  });

  it('answers an invalid field with 400 naming the constraint', async () => {
    const res = await post(JSON.stringify({ text: 'hi', times: 11 }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'times must not be greater than 10' });
  });

  it('answers a body over the limit with 413', async () => {
    const res = await post(JSON.stringify({ text: 'x'.repeat(4096), times: 1 }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      error: 'Payload Too Large',
      message: expect.any(String),
    });
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await post('<text>hi</text>', { 'content-type': 'application/xml' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      error: 'Not Found',
      message: 'Cannot GET /nope',
    });
  });

  it('hides internal details of unexpected errors', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('at ');
  });

  it('sets security headers and keeps CORS closed by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/greetings', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a valid x-request-id and generates one otherwise', async () => {
    const given = await app.inject({ method: 'GET', url: '/greetings', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await app.inject({ method: 'GET', url: '/greetings', headers: { 'x-request-id': 'bad id\n' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS when configured', () => {
  it('allows only the configured origins', async () => {
    const app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv({ CORS_ORIGINS: 'https://shop.example' }));
    try {
      const allowed = await app.inject({
        method: 'GET',
        url: '/greetings',
        headers: { origin: 'https://shop.example' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
      const denied = await app.inject({
        method: 'GET',
        url: '/greetings',
        headers: { origin: 'https://evil.example' },
      });
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('error translations registered by adapters', () => {
  it('answers with the translated error instead of a 500, and leaves other errors alone', async () => {
    const app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv());
    try {
      app
        .get(ErrorTranslations)
        .add((error) =>
          error instanceof Error && error.message.includes('hunter2')
            ? new ServiceUnavailableException('secret store unavailable')
            : undefined,
        );
      const res = await app.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: 'Service Unavailable',
        message: 'secret store unavailable',
      });
      const validation = await app.inject({ method: 'POST', url: '/greetings', payload: { text: 'hi', times: 11 } });
      expect(validation.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
