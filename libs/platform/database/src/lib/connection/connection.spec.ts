import { createServiceApp } from '@ms/platform-core';
import { databaseTestEnv, freePort, notesModule, notesService } from '../../test/notes-service';
import { isDatabaseUnavailableError, isUniqueViolation } from './database-errors';
import { describeDatabaseUrl, serviceDatabaseName } from './database-target';
import { DatabaseConnectError, retryWhileUnavailable } from './retry';

describe('an unreachable database at start', () => {
  it('is retried with backoff, then fails naming host:port/database but not the password', async () => {
    const port = await freePort();
    const env = databaseTestEnv({
      DATABASE_URL: `postgres://orders:s3cret-pw@127.0.0.1:${port}/orders`,
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    });
    const failure = await createServiceApp(notesModule(), notesService(), env).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(DatabaseConnectError);
    expect(failure?.message).toContain(`127.0.0.1:${port}/orders`);
    expect(failure?.message).toMatch(/unreachable after [2-9]\d* attempt/);
    expect(failure?.message).not.toContain('s3cret-pw');
  });

  it('rejects a malformed DATABASE_URL naming the variable', async () => {
    const env = databaseTestEnv({ DATABASE_URL: 'mysql://localhost/orders' });
    await expect(createServiceApp(notesModule(), notesService(), env)).rejects.toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
  });
});

describe('retryWhileUnavailable', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  const quiet = { warn: () => undefined } as never;

  it('retries unavailability until it succeeds', async () => {
    let calls = 0;
    const result = await retryWhileUnavailable(
      'h:1/db',
      5_000,
      async () => (++calls < 3 ? Promise.reject(refused) : 'ok'),
      quiet,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const wrongPassword = Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' });
    await expect(
      retryWhileUnavailable(
        'h:1/db',
        5_000,
        async () => {
          calls++;
          throw wrongPassword;
        },
        quiet,
      ),
    ).rejects.toThrow('database h:1/db cannot be used: password authentication failed');
    expect(calls).toBe(1);
  });
});

describe('error classification', () => {
  it('treats lost connections and timeouts as unavailable, constraint violations not', () => {
    expect(isDatabaseUnavailableError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailableError({ driverError: Object.assign(new Error('x'), { code: '57P01' }) })).toBe(true);
    expect(isDatabaseUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('Query read timeout'))).toBe(true);
    const unique = {
      message: 'duplicate key',
      driverError: Object.assign(new Error('duplicate key'), { code: '23505' }),
    };
    expect(isDatabaseUnavailableError(unique)).toBe(false);
    expect(isUniqueViolation(unique)).toBe(true);
    expect(isDatabaseUnavailableError(new Error('relation "x" does not exist'))).toBe(false);
  });

  it('names databases after services and describes URLs without credentials', () => {
    expect(serviceDatabaseName('product-search')).toBe('product_search');
    expect(() => serviceDatabaseName('9lives')).toThrow(/valid PostgreSQL database name/);
    expect(describeDatabaseUrl('postgres://u:pw@db.internal:6432/orders')).toBe('db.internal:6432/orders');
    expect(describeDatabaseUrl('postgres://u:pw@db.internal')).toBe('db.internal:5432/');
  });
});
