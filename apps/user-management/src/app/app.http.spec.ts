import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { hash } from 'argon2';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  PASSWORD_POLICY,
  USER_MANAGEMENT_ERROR_CODES,
  USER_MANAGEMENT_SERVICE,
} from '@ms/contracts-user-management';
import { randomUUID } from 'node:crypto';
import { OrderCancelledEvent, OrderPlacedEvent } from '@ms/contracts-order-processing';
import { eventually, startEventProbe, startTestService, type TestService } from '@ms/platform-testing';
import { AppModule } from './app.module';
import { LOGIN_FAILED } from './auth/auth.service';
import { PasswordHasher } from './users/password-hasher';

const USER_TOKEN_SECRET = 'user-token-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse 42';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
/** Failed logins one client address may have (a small budget here, so the test reaches it quickly). */
const FAILURES_PER_CLIENT = 8;

/** The service over HTTP, built as in production, on real backends (see @ms/platform-testing). */
describe('user-management over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(AppModule, USER_MANAGEMENT_SERVICE, {
      database: true,
      env: { USER_TOKEN_SECRET, LOGIN_FAILURES_PER_CLIENT: String(FAILURES_PER_CLIENT) },
    });
  });
  afterAll(() => service?.close());

  // Login and registration are rate-limited per client address: each test speaks from addresses of its own.
  let lastClient = 0;
  const newClient = () => `198.51.100.${++lastClient}`;
  let lastEmail = 0;
  const newEmail = () => `user${++lastEmail}@example.com`;

  const register = (payload: Record<string, unknown>, client = newClient()) =>
    service.app.inject({ method: 'POST', url: '/users', payload, remoteAddress: client });
  const login = (email: string, password: string, client = newClient()) =>
    service.app.inject({ method: 'POST', url: '/sessions', payload: { email, password }, remoteAddress: client });
  const me = (authorization?: string) =>
    service.app.inject({ method: 'GET', url: '/users/me', headers: authorization ? { authorization } : {} });
  const verify = (token: unknown) =>
    service.app.inject({
      method: 'POST',
      url: '/tokens/verify',
      headers: service.serviceTokenHeaders('gateway'),
      payload: { token },
    });
  const setStatus = (id: string, status: unknown) =>
    service.app.inject({
      method: 'PATCH',
      url: `/users/${id}`,
      headers: service.serviceTokenHeaders('gateway'),
      payload: { status },
    });

  /** A registered user and a fresh access token. */
  async function signedUp(): Promise<{ id: string; email: string; token: string }> {
    const email = newEmail();
    const created = await register({ email, password: PASSWORD, displayName: 'Test User' });
    expect(created.statusCode).toBe(201);
    const session = await login(email, PASSWORD);
    expect(session.statusCode).toBe(201);
    return { id: created.json().id, email, token: session.json().accessToken };
  }

  it('refuses every internal route without a service token', async () => {
    for (const route of USER_MANAGEMENT_SERVICE.routes.filter((r) => r.access === 'internal')) {
      const url = route.path.replace(':id', NO_SUCH_ID);
      const res = await service.app.inject({
        method: route.method,
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect({ route: `${route.method} ${route.path}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('answers 403 on every internal route to a caller its route table does not list', async () => {
    for (const route of USER_MANAGEMENT_SERVICE.routes.filter((r) => r.access === 'internal')) {
      for (const caller of ['order-processing', 'no-such-service']) {
        const res = await service.app.inject({
          method: route.method,
          url: route.path.replace(':id', NO_SUCH_ID),
          headers: service.serviceTokenHeaders(caller),
          payload: route.method === 'GET' ? undefined : {},
        });
        expect({ route: `${route.method} ${route.path}`, caller, status: res.statusCode, body: res.json() }).toEqual({
          route: `${route.method} ${route.path}`,
          caller,
          status: 403,
          body: {
            statusCode: 403,
            code: 'CALLER_NOT_ALLOWED',
            error: 'Forbidden',
            message: `${caller} may not call ${route.method} ${route.path}`,
          },
        });
      }
    }
  });

  it('is ready and documents only its public routes', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const docs = (await service.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const publicPaths = new Set(
      USER_MANAGEMENT_SERVICE.routes.filter((r) => r.access === 'public').map((r) => r.path.replace(/:(\w+)/g, '{$1}')),
    );
    expect(new Set(Object.keys(docs.paths))).toEqual(publicPaths);
    expect(Object.keys(docs.paths['/users'])).toEqual(['post']);
  });

  describe('registration', () => {
    it('creates an active account with a lower-case email and never returns the password or its hash', async () => {
      const res = await register({ email: '  Ada.Lovelace@Example.COM ', password: PASSWORD, displayName: ' Ada ' });
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(user).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: 'ada.lovelace@example.com',
        displayName: 'Ada',
        status: 'active',
        orderCount: 0,
        createdAt: expect.any(String),
      });
      expect(res.body).not.toContain('argon2');
      expect(res.body).not.toContain(PASSWORD);

      const [row] = await service.app.get(DataSource).query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    it('answers 409 for an email that exists, in any letter case', async () => {
      const email = newEmail();
      expect((await register({ email, password: PASSWORD, displayName: 'First' })).statusCode).toBe(201);
      for (const again of [email, email.toUpperCase(), ` ${email.replace('user', 'User')} `]) {
        const res = await register({ email: again, password: PASSWORD, displayName: 'Second' });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toEqual({
          statusCode: 409,
          code: 'CONFLICT',
          error: 'Conflict',
          message: 'an account with this email already exists',
        });
      }
    });

    it.each([
      ['too short', 'Short1!'],
      ['one character class', 'alllowercaseletters'],
      ['digits only', '12345678901234'],
      ['longer than 128 characters', 'a1'.repeat(64) + 'b'],
    ])('refuses a weak password (%s) with 400 stating the policy', async (_why, password) => {
      const res = await register({ email: newEmail(), password, displayName: 'Weak' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        error: 'Bad Request',
        message: PASSWORD_POLICY,
      });
    });

    it('names bad or unknown fields with 400', async () => {
      const bad = async (payload: Record<string, unknown>, expected: string) => {
        const res = await register(payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().message).toContain(expected);
      };
      await bad({ email: 'not-an-email', password: PASSWORD, displayName: 'X' }, 'email must be a valid email address');
      await bad({ email: newEmail(), password: PASSWORD, displayName: '   ' }, 'displayName');
      await bad({ email: newEmail(), password: PASSWORD, displayName: 'x'.repeat(81) }, 'displayName');
      await bad({ email: newEmail(), password: PASSWORD, displayName: 'Bell\u0007' }, 'control characters');
      await bad(
        { email: newEmail(), password: PASSWORD, displayName: 'X', role: 'admin' },
        'property role should not exist',
      );
      await bad({ password: PASSWORD, displayName: 'X' }, 'email');
    });
  });

  describe('login', () => {
    it('issues a bearer access token for the storefront', async () => {
      const email = newEmail();
      const { id } = (await register({ email, password: PASSWORD, displayName: 'Grace' })).json();
      const res = await login(email.toUpperCase(), PASSWORD);
      expect(res.statusCode).toBe(201);
      const session = res.json();
      expect(session).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
        user: { id, email, displayName: 'Grace', status: 'active', orderCount: 0, createdAt: expect.any(String) },
      });
      const claims = new JwtService({ secret: USER_TOKEN_SECRET }).verify(session.accessToken, {
        algorithms: ['HS256'],
      });
      expect(claims).toMatchObject({ iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, sub: id });
      expect(claims.exp - claims.iat).toBe(3600);
    });

    it('answers the same 401 for a wrong password and an unknown email, spending a hash verification on both', async () => {
      const { email } = await signedUp();
      const hasher = service.app.get(PasswordHasher);
      const dummy = jest.spyOn(hasher, 'verifyNothing');
      const wrongPassword = await login(email, 'wrong password 42');
      expect(dummy).not.toHaveBeenCalled();
      const unknownEmail = await login(newEmail(), PASSWORD);
      expect(dummy).toHaveBeenCalledTimes(1);
      dummy.mockRestore();

      for (const res of [wrongPassword, unknownEmail]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({
          statusCode: 401,
          code: USER_MANAGEMENT_ERROR_CODES.LOGIN_FAILED,
          error: 'Unauthorized',
          message: LOGIN_FAILED,
        });
      }
    });

    it('upgrades a hash made with older parameters on the next successful login', async () => {
      const { id, email } = await signedUp();
      const db = service.app.get(DataSource);
      const old = await hash(PASSWORD, { memoryCost: 8192, timeCost: 1, parallelism: 1 });
      await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [old, id]);
      expect((await login(email, PASSWORD)).statusCode).toBe(201);
      const [row] = await db.query('SELECT password_hash FROM users WHERE id = $1', [id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await login(email, PASSWORD)).statusCode).toBe(201);
    });
  });

  describe('GET /users/me', () => {
    it('returns the user of a valid bearer token', async () => {
      const { id, email, token } = await signedUp();
      const res = await me(`Bearer ${token}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, email, status: 'active' });
    });

    it('answers 401 with a Bearer challenge without a token, or with a bad, foreign or expired one', async () => {
      const { id, token } = await signedUp();
      const sign = (secret: string, claims: Record<string, unknown>, audience = ACCESS_TOKEN_AUDIENCE) =>
        new JwtService({ secret }).sign({ sv: 0, ...claims }, { issuer: ACCESS_TOKEN_ISSUER, audience, subject: id });
      const now = Math.floor(Date.now() / 1000);
      const { ACCESS_TOKEN_REJECTED, ACCESS_TOKEN_EXPIRED } = USER_MANAGEMENT_ERROR_CODES;
      const cases: [string | undefined, string, string][] = [
        [undefined, ACCESS_TOKEN_REJECTED, 'header missing'],
        [`Basic ${Buffer.from('a:b').toString('base64')}`, ACCESS_TOKEN_REJECTED, 'header missing'],
        ['Bearer garbage', ACCESS_TOKEN_REJECTED, 'invalid'],
        [`Bearer ${token}x`, ACCESS_TOKEN_REJECTED, 'invalid'],
        [`Bearer ${sign('another-secret-of-at-least-32-characters', {})}`, ACCESS_TOKEN_REJECTED, 'invalid'],
        [`Bearer ${sign(USER_TOKEN_SECRET, {}, 'another-audience')}`, ACCESS_TOKEN_REJECTED, 'invalid'],
        [`Bearer ${sign(USER_TOKEN_SECRET, { iat: now - 7200, exp: now - 3600 })}`, ACCESS_TOKEN_EXPIRED, 'expired'],
      ];
      for (const [authorization, code, reason] of cases) {
        const res = await me(authorization);
        expect({ authorization, status: res.statusCode }).toEqual({ authorization, status: 401 });
        expect({ authorization, body: res.json() }).toMatchObject({
          authorization,
          body: { statusCode: 401, code, error: 'Unauthorized' },
        });
        expect(res.json().message).toContain(reason);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="storefront"/);
      }
      expect((await me(`bearer ${token}`)).statusCode).toBe(200); // the scheme is case-insensitive
    });
  });

  describe('internal handlers', () => {
    it('verifies an access token for another service, which needs a service token', async () => {
      const { id, email, token } = await signedUp();
      const ok = await verify(token);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({
        user: { id, email, displayName: 'Test User', status: 'active', orderCount: 0, createdAt: expect.any(String) },
      });

      const withoutServiceToken = await service.app.inject({
        method: 'POST',
        url: '/tokens/verify',
        payload: { token },
      });
      expect(withoutServiceToken.statusCode).toBe(401);
      expect(withoutServiceToken.json().code).toBe('SERVICE_TOKEN_MISSING');

      const bad = await verify('not.a.token');
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toEqual({
        statusCode: 401,
        code: USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
        error: 'Unauthorized',
        message: 'access token rejected: invalid',
      });
      expect((await verify('')).statusCode).toBe(400);
      expect((await verify(42)).statusCode).toBe(400);
    });

    it('reads a user by id: 404 when unknown, 400 for a malformed id', async () => {
      const { id, email } = await signedUp();
      const get = (userId: string) =>
        service.app.inject({ method: 'GET', url: `/users/${userId}`, headers: service.serviceTokenHeaders('gateway') });
      expect((await get(id)).json()).toMatchObject({ id, email, status: 'active' });
      expect((await get(NO_SUCH_ID)).statusCode).toBe(404);
      expect((await get('nope')).statusCode).toBe(400);
    });

    it('validates status changes', async () => {
      const { id } = await signedUp();
      const bad = await setStatus(id, 'banned');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toBe('status must be one of: active, disabled');
      expect((await setStatus(NO_SUCH_ID, 'disabled')).statusCode).toBe(404);
    });

    it('disables an account: no login (same 401), its tokens rejected everywhere, also after re-enabling', async () => {
      const { id, email, token } = await signedUp();
      const disabled = await setStatus(id, 'disabled');
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({ id, status: 'disabled' });

      const loginRes = await login(email, PASSWORD);
      expect(loginRes.statusCode).toBe(401);
      expect(loginRes.json()).toMatchObject({ code: USER_MANAGEMENT_ERROR_CODES.LOGIN_FAILED, message: LOGIN_FAILED });
      expect((await verify(token)).json()).toMatchObject({
        statusCode: 401,
        code: USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
        message: 'access token rejected: account disabled',
      });
      expect((await me(`Bearer ${token}`)).statusCode).toBe(401);

      expect((await setStatus(id, 'active')).json()).toMatchObject({ status: 'active' });
      expect((await verify(token)).json()).toMatchObject({
        statusCode: 401,
        code: USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
        message: 'access token rejected: revoked',
      });
      const again = await login(email, PASSWORD);
      expect(again.statusCode).toBe(201);
      expect((await verify(again.json().accessToken)).statusCode).toBe(200);
    });
  });

  describe('order count, from order-processing events', () => {
    it('counts placed orders and takes cancelled ones back, once per event, and ignores unknown users', async () => {
      const orders = await startEventProbe(service, { as: 'order-processing' });
      try {
        const { id: userId, token } = await signedUp();
        const orderCount = async () => (await me(`Bearer ${token}`)).json().orderCount as number;
        const placed = (orderId = randomUUID()) =>
          orders.publish(OrderPlacedEvent, {
            orderId,
            userId,
            items: [{ productId: randomUUID(), quantity: 1 }],
            totalCents: 100,
            currency: 'EUR',
          });

        const first = await placed();
        await placed();
        await orders.republish(first); // redelivered: counted once
        await eventually(async () => (await orderCount()) === 2, 20_000, 'two orders counted');
        await orders.publish(OrderCancelledEvent, { orderId: first.payload.orderId, userId, reason: 'requested' });
        await orders.publish(OrderPlacedEvent, {
          orderId: randomUUID(),
          userId: NO_SUCH_ID,
          items: [{ productId: randomUUID(), quantity: 1 }],
          totalCents: 100,
          currency: 'EUR',
        });
        await eventually(async () => (await orderCount()) === 1, 20_000, 'the cancellation counted');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await orderCount()).toBe(1);
      } finally {
        await orders.close();
      }
    });
  });

  describe('rate limits', () => {
    const expectTooMany = (res: Awaited<ReturnType<typeof login>>) => {
      expect(res.statusCode).toBe(429);
      expect(res.json()).toEqual({
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        error: 'Too Many Requests',
        message: expect.stringMatching(/^too many attempts: try again in \d+ seconds$/),
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    };

    it('throttles an account after 5 failed logins, even for its owner, while other accounts log in from the same address', async () => {
      const a = await signedUp();
      const b = await signedUp();
      const client = newClient();
      for (let failure = 1; failure <= 5; failure++) {
        const email = failure % 2 ? a.email : ` ${a.email.toUpperCase()}`; // one account, however it is written
        expect((await login(email, 'wrong password 1', client)).statusCode).toBe(401);
      }
      expectTooMany(await login(a.email, 'wrong password 1', client));
      expectTooMany(await login(a.email, PASSWORD, newClient())); // from anywhere, even with the right password
      expect((await login(b.email, PASSWORD, client)).statusCode).toBe(201); // the same address, another account
    });

    it('does not count successful logins', async () => {
      const { email } = await signedUp();
      for (let i = 0; i < 7; i++) expect((await login(email, PASSWORD)).statusCode).toBe(201);
    });

    it('throttles a client address after its (larger) budget of failures over many accounts', async () => {
      const { email } = await signedUp();
      const client = newClient();
      for (let failure = 1; failure <= FAILURES_PER_CLIENT; failure++) {
        expect((await login(newEmail(), 'wrong password 1', client)).statusCode).toBe(401);
      }
      expectTooMany(await login(email, PASSWORD, client));
      // X-Forwarded-For is not believed from an untrusted peer: it cannot buy a new budget.
      const spoofed = await service.app.inject({
        method: 'POST',
        url: '/sessions',
        payload: { email, password: PASSWORD },
        remoteAddress: client,
        headers: { 'x-forwarded-for': '192.0.2.77' },
      });
      expect(spoofed.statusCode).toBe(429);
      expect((await login(email, PASSWORD)).statusCode).toBe(201); // other clients are unaffected
    });

    it('allows 10 registrations per minute from one client, then answers 429', async () => {
      const client = newClient();
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect(
          (await register({ email: newEmail(), password: PASSWORD, displayName: 'Many' }, client)).statusCode,
        ).toBe(201);
      }
      expectTooMany(await register({ email: newEmail(), password: PASSWORD, displayName: 'Many' }, client));
    });

    it('does not limit the other handlers', async () => {
      const { token } = await signedUp();
      for (let i = 0; i < 12; i++) expect((await me(`Bearer ${token}`)).statusCode).toBe(200);
    });
  });
});

describe('user-management behind a trusted proxy', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(AppModule, USER_MANAGEMENT_SERVICE, {
      database: true,
      env: { USER_TOKEN_SECRET, TRUSTED_PROXIES: '10.0.0.0/8', LOGIN_FAILURES_PER_CLIENT: '3' },
    });
  });
  afterAll(() => service?.close());

  const viaGateway = (client: string, email: string, password = 'wrong password 1') =>
    service.app.inject({
      method: 'POST',
      url: '/sessions',
      payload: { email, password },
      remoteAddress: '10.1.2.3',
      headers: { 'x-forwarded-for': client },
    });
  const signUp = async (email: string) =>
    expect(
      (
        await service.app.inject({
          method: 'POST',
          url: '/users',
          payload: { email, password: PASSWORD, displayName: 'Behind' },
          remoteAddress: '203.0.113.50',
        })
      ).statusCode,
    ).toBe(201);

  it('counts the failures of each client behind the gateway separately (X-Forwarded-For from a trusted peer)', async () => {
    for (let n = 1; n <= 3; n++) expect((await viaGateway('192.0.2.1', `nobody${n}@example.com`)).statusCode).toBe(401);
    expect((await viaGateway('192.0.2.1', 'nobody4@example.com')).statusCode).toBe(429);
    expect((await viaGateway('192.0.2.2', 'nobody5@example.com')).statusCode).toBe(401);
  });

  it('six failed logins on account A from one address: B still logs in from it, A is throttled, spoofed X-Forwarded-For values neither reset nor dodge the count', async () => {
    await signUp('account-a@example.com');
    await signUp('account-b@example.com');
    // Each failure claims another client address: the per-address budget (3) is dodged, the account's (5) is not.
    const spoofed = (n: number) => `198.18.0.${n}`;
    for (let n = 1; n <= 5; n++) expect((await viaGateway(spoofed(n), 'account-a@example.com')).statusCode).toBe(401);
    expect((await viaGateway(spoofed(6), 'account-a@example.com')).statusCode).toBe(429);
    expect((await viaGateway(spoofed(7), 'account-a@example.com', PASSWORD)).statusCode).toBe(429);
    expect((await viaGateway(spoofed(6), 'account-b@example.com', PASSWORD)).statusCode).toBe(201);
  });
});
