import { loadConfig } from '@ms/platform-core';
import { MessagingSettings, retryDelay } from './messaging-settings';

describe('MessagingSettings', () => {
  it('defaults to the PostgreSQL transport in ms_messaging, exchange ms.events', () => {
    expect({ ...loadConfig(MessagingSettings, {}) }).toEqual({
      exchange: 'ms.events',
      queuePrefix: '',
      messagingDatabase: 'ms_messaging',
      maxAttempts: 5,
      retryDelayMs: 1000,
      pollIntervalMs: 250,
      publishTimeoutMs: 5000,
      visibilityTimeoutMs: 60_000,
    });
  });

  it('reads every variable, an empty one counting as unset', () => {
    const settings = loadConfig(MessagingSettings, {
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      MESSAGING_EXCHANGE: '',
      MESSAGING_QUEUE_PREFIX: 'run-1.',
      MESSAGING_MAX_ATTEMPTS: '3',
    });
    expect(settings).toMatchObject({
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      exchange: 'ms.events',
      queuePrefix: 'run-1.',
      maxAttempts: 3,
    });
  });

  it('names every bad variable in one error', () => {
    expect(() =>
      loadConfig(MessagingSettings, {
        AMQP_URL: 'http://broker',
        MESSAGING_QUEUE_PREFIX: 'Bad Prefix',
        MESSAGING_MAX_ATTEMPTS: 'lots',
        MESSAGING_RETRY_DELAY_MS: '0',
      }),
    ).toThrow(
      'Invalid environment: AMQP_URL must start with amqp:// or amqps://; ' +
        'MESSAGING_QUEUE_PREFIX may contain only a-z, 0-9, ".", "_" and "-", got "Bad Prefix"; ' +
        'MESSAGING_MAX_ATTEMPTS must be a positive integer, got "lots"; ' +
        'MESSAGING_RETRY_DELAY_MS must be a positive integer, got "0"',
    );
  });

  it('doubles the retry delay per attempt, up to 30 s', () => {
    expect([1, 2, 3].map((attempt) => retryDelay({ retryDelayMs: 1000 }, attempt))).toEqual([1000, 2000, 4000]);
    expect(retryDelay({ retryDelayMs: 1000 }, 20)).toBe(30_000);
  });
});
