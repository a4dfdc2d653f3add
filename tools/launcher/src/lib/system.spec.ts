import { messagingDescription, serviceEnvironment } from './system';

describe('local system launcher', () => {
  it('gives services the shared state folder and their own ports', () => {
    const env = serviceEnvironment({ PORT: '9999', REDIS_URL: 'redis://x' }, '/state');
    expect(env['PORT']).toBeUndefined();
    expect(env['MS_STATE_DIR']).toBe('/state');
    expect(env['NODE_ENV']).toBe('development');
    expect(env['REDIS_URL']).toBe('redis://x');
    expect(env['TRUSTED_PROXIES']).toBe('127.0.0.1,::1');
  });

  it('keeps a configured NODE_ENV and DATABASE_URL', () => {
    const env = serviceEnvironment({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db' }, '/state');
    expect(env['NODE_ENV']).toBe('production');
    expect(env['DATABASE_URL']).toBe('postgres://db');
  });

  it('says how events travel, without the broker password', () => {
    expect(messagingDescription({ AMQP_URL: 'amqp://ms:s3cret@rabbit.local:5672/shop' })).toBe(
      'RabbitMQ at amqp://rabbit.local:5672/shop (AMQP_URL)',
    );
    expect(messagingDescription({})).toMatch(/^PostgreSQL transport, database ms_messaging /);
  });
});
