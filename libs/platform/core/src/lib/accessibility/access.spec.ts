import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleModule, TEST_SECRET, testEnv } from '../../test/sample-service';

const jwt = new JwtService({ secret: TEST_SECRET });
const token = (options: { audience?: string; issuer?: string; expiresIn?: number; secret?: string } = {}) =>
  jwt.sign(
    {},
    {
      audience: options.audience ?? 'sample',
      issuer: options.issuer ?? 'order-processing',
      expiresIn: options.expiresIn ?? 60,
      secret: options.secret ?? TEST_SECRET,
    },
  );

describe('access guard over HTTP', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv());
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('lets anyone call a public handler', async () => {
    const res = await get('/greetings');
    expect(res.statusCode).toBe(200);
  });

  it('rejects an internal handler without a token', async () => {
    const res = await get('/secrets');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'SERVICE_TOKEN_MISSING',
      error: 'Unauthorized',
      message: 'internal endpoint: x-service-token header missing',
    });
  });

  it('treats unmarked handlers as internal', async () => {
    expect((await get('/unmarked')).statusCode).toBe(401);
    expect((await get('/unmarked', { 'x-service-token': token() })).json()).toEqual({ reached: true });
  });

  it('rejects an expired token', async () => {
    const expired = jwt.sign({}, { audience: 'sample', issuer: 'x', expiresIn: -10 });
    const res = await get('/secrets', { 'x-service-token': expired });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SERVICE_TOKEN_INVALID', message: 'service token expired' });
  });

  it('rejects a tampered token', async () => {
    const [header, , signature] = token().split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ aud: 'sample', iss: 'evil', exp: 9999999999 })).toString(
      'base64url',
    );
    const res = await get('/secrets', { 'x-service-token': `${header}.${forgedPayload}.${signature}` });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SERVICE_TOKEN_INVALID', message: 'service token invalid' });
  });

  it('rejects a token signed with another key', async () => {
    const res = await get('/secrets', {
      'x-service-token': token({ secret: 'another-secret-another-secret-another' }),
    });
    expect(res.statusCode).toBe(401);
  });

  it('rejects a token meant for another service', async () => {
    const res = await get('/secrets', { 'x-service-token': token({ audience: 'user-management' }) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('service token is not for sample');
  });

  it('accepts a valid token and knows the caller', async () => {
    const res = await get('/secrets', { 'x-service-token': token({ issuer: 'order-processing' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ secret: 42, caller: 'order-processing' });
  });

  it('rejects a correctly signed token without an expiry', async () => {
    const forever = jwt.sign({}, { audience: 'sample', issuer: 'order-processing' });
    const res = await get('/secrets', { 'x-service-token': forever });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('service token has no expiry');
  });

  it('rejects a correctly signed token that lives longer than a minute', async () => {
    const res = await get('/secrets', { 'x-service-token': token({ expiresIn: 3600 }) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('service token lives longer than 60 seconds');
  });

  it('leaves probes and metrics open without a token', async () => {
    expect((await get('/health/live')).statusCode).toBe(200);
    expect((await get('/metrics')).statusCode).toBe(200);
  });
});

describe('allowed callers of internal routes (callers in the route table)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const service = {
      ...SAMPLE_SERVICE,
      routes: SAMPLE_SERVICE.routes.map((route) =>
        route.path === '/secrets' ? { ...route, callers: ['order-processing'] } : route,
      ),
    };
    app = await createServiceApp(SampleModule, service, testEnv());
  });
  afterAll(() => app.close());

  const secrets = (issuer: string) =>
    app.inject({ method: 'GET', url: '/secrets', headers: { 'x-service-token': token({ issuer }) } });

  it('serves a caller the route lists', async () => {
    expect((await secrets('order-processing')).json()).toMatchObject({ caller: 'order-processing' });
  });

  it.each(['product-search', 'not-a-service-of-this-system'])(
    'answers 403 to %s, naming neither secrets nor the allowed callers',
    async (issuer) => {
      const res = await secrets(issuer);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        statusCode: 403,
        code: 'CALLER_NOT_ALLOWED',
        error: 'Forbidden',
        message: `${issuer} may not call GET /secrets`,
      });
    },
  );

  it("keeps the platform's internal docs open to every valid token", async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/internal/docs-json',
      headers: { 'x-service-token': token({ issuer: 'product-search' }) },
    });
    expect(res.statusCode).toBe(200);
  });
});
