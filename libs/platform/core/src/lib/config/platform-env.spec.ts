import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceApp } from '../bootstrap/create-service-app';
import { resolveServiceTokenSecret } from '../accessibility/service-token-secret';
import { SAMPLE_SERVICE, SampleModule, testEnv } from '../../test/sample-service';
import { PlatformEnv, validateEnv } from './platform-env';

describe('environment validation', () => {
  it('names every bad variable', () => {
    expect(() => validateEnv(PlatformEnv, { PORT: '70000', NODE_ENV: 'staging' })).toThrow(
      /Invalid environment: .*NODE_ENV must be one of the following values.*PORT must not be greater than 65535/,
    );
  });

  it('converts numbers', () => {
    expect(validateEnv(PlatformEnv, { PORT: '3005' }).PORT).toBe(3005);
  });

  it('refuses to build a service with a bad variable', async () => {
    await expect(createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv({ PORT: 'abc' }))).rejects.toThrow(
      'PORT must be an integer',
    );
  });
});

describe('service token key', () => {
  it('refuses to start in production without a key', async () => {
    const env = { NODE_ENV: 'production' };
    expect(() => resolveServiceTokenSecret(env)).toThrow(/SERVICE_TOKEN_SECRET is not set/);
    await expect(createServiceApp(SampleModule, SAMPLE_SERVICE, env)).rejects.toThrow(
      /SERVICE_TOKEN_SECRET is not set/,
    );
  });

  it('refuses a short key', () => {
    expect(() => resolveServiceTokenSecret({ SERVICE_TOKEN_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('uses the key from the environment', () => {
    const secret = 'k'.repeat(40);
    expect(resolveServiceTokenSecret({ NODE_ENV: 'production', SERVICE_TOKEN_SECRET: secret })).toEqual({
      secret,
      origin: 'environment',
    });
  });

  it('generates one development key, private to the user, and shares it between services', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ms-state-'));
    const first = resolveServiceTokenSecret({ MS_STATE_DIR: dir });
    const second = resolveServiceTokenSecret({ MS_STATE_DIR: dir, NODE_ENV: 'development' });
    expect(first.origin).toBe('development-file');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.secret).toBe(first.secret);
    const file = join(dir, 'dev-service-token.secret');
    expect(readFileSync(file, 'utf8')).toBe(first.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
