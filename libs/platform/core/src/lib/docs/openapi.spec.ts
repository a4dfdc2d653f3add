import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleModule, TEST_SECRET, testEnv } from '../../test/sample-service';

describe('OpenAPI documents split by access', () => {
  let app: NestFastifyApplication;
  const serviceToken = new JwtService({ secret: TEST_SECRET }).sign(
    {},
    { audience: 'sample', issuer: 'gateway', expiresIn: 60 },
  );

  beforeAll(async () => {
    app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv());
  });
  afterAll(() => app.close());

  it('publishes only public handlers at /docs-json', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs-json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths).sort()).toEqual(['/boom', '/greetings', '/noted']);
    expect(Object.keys(doc.paths['/greetings']).sort()).toEqual(['get', 'post']);
    expect(doc.components.schemas.CreateGreetingDto).toBeDefined();
  });

  it('documents the error body and its code in both documents', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    const schema = doc.components.schemas.ErrorBody;
    expect(schema.required).toEqual(['statusCode', 'code', 'error', 'message']);
    expect(schema.properties.code.description).toContain('VALIDATION_FAILED');
    const internal = (
      await app.inject({ method: 'GET', url: '/internal/docs-json', headers: { 'x-service-token': serviceToken } })
    ).json();
    expect(internal.components.schemas.ErrorBody).toEqual(schema);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('keeps the internal document behind a service token', async () => {
    expect((await app.inject({ method: 'GET', url: '/internal/docs-json' })).statusCode).toBe(401);
    const res = await app.inject({
      method: 'GET',
      url: '/internal/docs-json',
      headers: { 'x-service-token': serviceToken },
    });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths).sort()).toEqual(['/secrets', '/unmarked']);
    expect(doc.info.title).toBe('sample (internal)');
  });

  it('never documents platform endpoints', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/health') || path.startsWith('/metrics'))).toBe(
      false,
    );
  });
});
