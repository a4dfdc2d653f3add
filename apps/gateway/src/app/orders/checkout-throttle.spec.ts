import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceUrlVariable } from '@ms/contracts-common';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { SERVICES } from '@ms/contracts-registry';
import { USER_MANAGEMENT_ERROR_CODES, type UserDto } from '@ms/contracts-user-management';
import { createServiceApp } from '@ms/platform-core';
import { jsonBody, sendJson, UpstreamDouble } from '../../test/upstream-double';
import { AppModule } from '../app.module';

/** Two users, known to the user-management double by their tokens. */
const USERS: Record<string, UserDto> = Object.fromEntries(
  ['hoarder-token', 'shopper-token'].map((token) => [
    token,
    {
      id: randomUUID(),
      email: `${token}@example.com`,
      displayName: token,
      status: 'active',
      orderCount: 0,
      createdAt: new Date().toISOString(),
    },
  ]),
);
const CHECKOUTS_PER_USER = 3;

/** POST /api/checkout is throttled per verified user: a burst of orders cannot reserve the whole catalogue. */
describe('checkout throttle (gateway BFF over HTTP)', () => {
  let app: NestFastifyApplication;
  const doubles: UpstreamDouble[] = [];
  /** The gateway's environment (never process.env itself): each <SERVICE>_URL points at that service's double. */
  const env: Record<string, string | undefined> = { ...process.env };
  let placed = 0;

  beforeAll(async () => {
    for (const service of SERVICES.filter((s) => s.name !== GATEWAY_SERVICE.name)) {
      const double = await UpstreamDouble.start();
      doubles.push(double);
      env[serviceUrlVariable(service.name)] = double.url;
      if (service.name === 'user-management') {
        double.on('POST', /^\/tokens\/verify$/, (req, res) => {
          const user = USERS[jsonBody<{ token: string }>(req).token];
          if (user) sendJson(res, 200, { user });
          else
            sendJson(res, 401, {
              statusCode: 401,
              code: USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
              error: 'Unauthorized',
              message: 'access token rejected: invalid',
            });
        });
      }
      if (service.name === 'order-processing') {
        double.on('POST', /^\/orders$/, (req, res) => {
          placed++;
          const { userId } = jsonBody<{ userId: string }>(req);
          sendJson(res, 201, {
            id: randomUUID(),
            userId,
            status: 'placed',
            statusReason: null,
            items: [],
            totalCents: 0,
            currency: 'EUR',
            createdAt: new Date().toISOString(),
          });
        });
      }
    }
    Object.assign(env, {
      NODE_ENV: 'test',
      SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      CHECKOUTS_PER_USER: String(CHECKOUTS_PER_USER),
    });
    app = await createServiceApp(AppModule, GATEWAY_SERVICE, env, { publicDocs: false });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all(doubles.map((double) => double.close()));
  });

  const checkout = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/api/checkout',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      payload: { items: [{ productId: randomUUID(), quantity: 1 }] },
    });

  it('answers 429 with Retry-After once a user is over CHECKOUTS_PER_USER, and places nothing more', async () => {
    for (let i = 0; i < CHECKOUTS_PER_USER; i++) expect((await checkout('hoarder-token')).statusCode).toBe(201);
    const refused = await checkout('hoarder-token');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      error: 'Too Many Requests',
      message: expect.stringMatching(/^too many checkouts: try again in \d+ seconds$/),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(placed).toBe(CHECKOUTS_PER_USER);
  });

  it('leaves every other user alone', async () => {
    expect((await checkout('shopper-token')).statusCode).toBe(201);
  });
});
