import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Environment } from '@ms/platform-core';
import { UserManagementConfig } from './user-management-config';

const loadUserManagementConfig = (env: Environment) => loadConfig(UserManagementConfig, env);

describe('UserManagementConfig', () => {
  const secret = 's'.repeat(32);

  it('uses the defaults: one-hour tokens, 5 failed logins per account and 100 per client in 15 minutes, 10 registrations per minute, no trusted proxies', () => {
    expect(loadUserManagementConfig({ USER_TOKEN_SECRET: secret })).toMatchObject({
      userTokenSecret: secret,
      userTokenSecretOrigin: 'environment',
      userTokenTtlSeconds: 3600,
      loginFailuresPerAccount: 5,
      loginFailuresPerClient: 100,
      loginFailureWindowSeconds: 900,
      registrationsPerMinute: 10,
      trustedProxies: [],
    });
  });

  it('refuses to start in production without USER_TOKEN_SECRET, naming it', () => {
    expect(() => loadUserManagementConfig({ NODE_ENV: 'production' })).toThrow(
      /USER_TOKEN_SECRET is not set: with NODE_ENV=production .* Refusing to start/,
    );
    expect(loadUserManagementConfig({ NODE_ENV: 'production', USER_TOKEN_SECRET: secret }).userTokenSecret).toBe(
      secret,
    );
  });

  it('names bad values', () => {
    expect(() => loadUserManagementConfig({ USER_TOKEN_SECRET: 'short' })).toThrow(
      'USER_TOKEN_SECRET must be at least 32 characters long',
    );
    expect(() => loadUserManagementConfig({ USER_TOKEN_SECRET: secret, USER_TOKEN_TTL_SECONDS: 'soon' })).toThrow(
      'USER_TOKEN_TTL_SECONDS must be a whole number of seconds',
    );
    expect(() => loadUserManagementConfig({ USER_TOKEN_SECRET: secret, LOGIN_FAILURES_PER_ACCOUNT: '0' })).toThrow(
      'LOGIN_FAILURES_PER_ACCOUNT',
    );
    expect(() =>
      loadUserManagementConfig({ USER_TOKEN_SECRET: secret, TRUSTED_PROXIES: '10.0.0.0/8, gateway' }),
    ).toThrow('TRUSTED_PROXIES: "gateway"');
  });

  it('outside production, generates a development key once and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'um-config-'));
    try {
      const first = loadUserManagementConfig({ NODE_ENV: 'development', MS_STATE_DIR: dir });
      expect(first.userTokenSecretOrigin).toBe('development-file');
      expect(first.userTokenSecret.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dir, 'dev-user-token.secret'), 'utf8')).toBe(first.userTokenSecret);
      expect(loadUserManagementConfig({ MS_STATE_DIR: dir }).userTokenSecret).toBe(first.userTokenSecret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
