import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { createServiceApp } from '../bootstrap/create-service-app';
import { resolveServiceTokenSecret } from '../accessibility/service-token-secret';
import { SAMPLE_SERVICE, SampleModule, testEnv, TEST_SECRET } from '../../test/sample-service';
import {
  asInt,
  asList,
  configVariables,
  Env,
  EnvValidationError,
  loadConfig,
  provideConfig,
  SERVICE_ENV,
} from './config';
import { PlatformConfig } from './platform-config';

class WidgetConfig {
  @Env('WIDGET_COUNT', asInt)
  @IsInt()
  @Min(1)
  readonly count: number = 3;

  @Env('WIDGET_COLOUR')
  @IsOptional()
  @IsIn(['red', 'blue'])
  readonly colour?: 'red' | 'blue';

  @Env('WIDGET_TAGS', asList)
  readonly tags: readonly string[] = [];
}

describe('loadConfig', () => {
  it('keeps the declared defaults when a variable is unset or empty', () => {
    expect(loadConfig(WidgetConfig, {})).toEqual({ count: 3, tags: [] });
    expect(loadConfig(WidgetConfig, { WIDGET_COUNT: '', WIDGET_COLOUR: '' })).toEqual({ count: 3, tags: [] });
  });

  it('converts what the environment says', () => {
    expect(loadConfig(WidgetConfig, { WIDGET_COUNT: '12', WIDGET_COLOUR: 'red', WIDGET_TAGS: ' a, ,b ' })).toEqual({
      count: 12,
      colour: 'red',
      tags: ['a', 'b'],
    });
  });

  it('names every bad variable in one error, by its variable name', () => {
    const load = () => loadConfig(WidgetConfig, { WIDGET_COUNT: 'many', WIDGET_COLOUR: 'green' });
    expect(load).toThrow(EnvValidationError);
    expect(load).toThrow(
      /^Invalid environment: WIDGET_COUNT must be an integer number; WIDGET_COLOUR must be one of the following values: red, blue$/,
    );
  });

  it('lists the variables a config reads', () => {
    expect(configVariables(WidgetConfig)).toEqual(['WIDGET_COUNT', 'WIDGET_COLOUR', 'WIDGET_TAGS']);
  });

  it('provides a config read once from the injected environment', async () => {
    @Injectable()
    class Reader {
      constructor(readonly config: WidgetConfig) {}
    }
    const moduleRef = await Test.createTestingModule({
      providers: [{ provide: SERVICE_ENV, useValue: { WIDGET_COUNT: '7' } }, provideConfig(WidgetConfig), Reader],
    }).compile();
    expect(moduleRef.get(Reader).config.count).toBe(7);
    expect(moduleRef.get(WidgetConfig)).toBe(moduleRef.get(Reader).config);
  });
});

describe('PlatformConfig', () => {
  it('names every bad variable', () => {
    const bad = () => loadConfig(PlatformConfig, testEnv({ PORT: '70000', NODE_ENV: 'staging' }));
    expect(bad).toThrow(/^Invalid environment: .*NODE_ENV must be one of the following values/);
    expect(bad).toThrow(/PORT must not be greater than 65535/);
  });

  it('has the documented defaults', () => {
    expect(loadConfig(PlatformConfig, { SERVICE_TOKEN_SECRET: TEST_SECRET })).toMatchObject({
      port: undefined,
      host: '0.0.0.0',
      logLevel: 'info',
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      shutdownTimeoutMs: 10_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 72_000,
      connectionTimeoutMs: 60_000,
    });
    expect(loadConfig(PlatformConfig, testEnv()).logLevel).toBe('silent');
  });

  it('converts numbers and lists', () => {
    const config = loadConfig(
      PlatformConfig,
      testEnv({ PORT: '3005', CORS_ORIGINS: 'https://a.test, https://b.test' }),
    );
    expect(config.port).toBe(3005);
    expect(config.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
  });

  it('refuses headers due later than the whole request', () => {
    expect(() =>
      loadConfig(PlatformConfig, testEnv({ HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' })),
    ).toThrow('HEADERS_TIMEOUT_MS (20000) must not be greater than REQUEST_TIMEOUT_MS (10000)');
  });

  it('refuses to build a service with a bad variable', async () => {
    await expect(createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv({ PORT: 'abc' }))).rejects.toThrow(
      'PORT must be an integer',
    );
  });

  it('is the table of variables in the root README, every one of them', () => {
    const readme = readFileSync(join(__dirname, '../../../../../../README.md'), 'utf8');
    const table = readme.split('### Environment variables of every service')[1]?.split('\n\n')[1] ?? '';
    const documented = [...table.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1]);
    expect(documented).toEqual(expect.arrayContaining(configVariables(PlatformConfig)));
  });

  it('is injectable, read once by createServiceApp', async () => {
    const app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv({ PORT: '3005' }));
    try {
      expect(app.get(PlatformConfig).port).toBe(3005);
    } finally {
      await app.close();
    }
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
    expect(() => loadConfig(PlatformConfig, { SERVICE_TOKEN_SECRET: 'short' })).toThrow(
      'SERVICE_TOKEN_SECRET must be longer than or equal to 32 characters',
    );
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
