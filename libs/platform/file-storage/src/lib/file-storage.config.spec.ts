import { join, resolve } from 'node:path';
import { DEFAULT_MAX_BYTES, resolveFileStorageConfig } from './file-storage.config';

describe('resolveFileStorageConfig', () => {
  it('uses the local disk under the state folder by default, one folder per service', () => {
    expect(resolveFileStorageConfig({ MS_STATE_DIR: '/var/state' }, 'product-search')).toEqual({
      backend: 'local',
      root: join('/var/state', 'files', 'product-search'),
      defaultMaxBytes: DEFAULT_MAX_BYTES,
    });
    expect(resolveFileStorageConfig({}, 'svc')).toMatchObject({ root: join(process.cwd(), '.data', 'files', 'svc') });
  });

  it('uses FILE_STORAGE_DIR and FILE_STORAGE_MAX_BYTES when set', () => {
    expect(resolveFileStorageConfig({ FILE_STORAGE_DIR: 'uploads', FILE_STORAGE_MAX_BYTES: '1024' }, 'svc')).toEqual({
      backend: 'local',
      root: resolve('uploads'),
      defaultMaxBytes: 1024,
    });
  });

  it('treats empty variables as unset', () => {
    expect(
      resolveFileStorageConfig({ S3_BUCKET: '', S3_ENDPOINT: '', FILE_STORAGE_DIR: '/tmp/x' }, 'svc').backend,
    ).toBe('local');
  });

  it('chooses S3 when S3_BUCKET is set, prefixing keys with the service name', () => {
    expect(resolveFileStorageConfig({ S3_BUCKET: 'shop-files' }, 'product-search')).toMatchObject({
      backend: 's3',
      bucket: 'shop-files',
      prefix: 'product-search',
      region: 'us-east-1',
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it('configures an S3-compatible server (path-style by default when an endpoint is given)', () => {
    const config = resolveFileStorageConfig(
      {
        S3_BUCKET: 'files',
        S3_ENDPOINT: 'http://minio:9000',
        S3_REGION: 'eu-west-1',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PREFIX: '',
        S3_TIMEOUT_MS: '2500',
      },
      'svc',
    );
    expect(config).toMatchObject({
      endpoint: 'http://minio:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      prefix: '',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      callTimeoutMs: 2500,
    });
    expect(
      resolveFileStorageConfig(
        { S3_BUCKET: 'files', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'false' },
        'svc',
      ),
    ).toMatchObject({ forcePathStyle: false });
  });

  it.each([
    [{ S3_REGION: 'eu-west-1' }, 'S3_REGION is set but S3_BUCKET is not'],
    [{ S3_BUCKET: 'files', S3_SECRET_ACCESS_KEY: 'x' }, 'must be set together'],
    [{ S3_BUCKET: 'files', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT must be an http(s) URL'],
    [{ S3_BUCKET: 'files', S3_PREFIX: '/abs' }, 'S3_PREFIX must be a relative path'],
    [{ S3_BUCKET: 'files', S3_TIMEOUT_MS: '10' }, 'S3_TIMEOUT_MS must not be less than 100'],
    [{ FILE_STORAGE_MAX_BYTES: '0' }, 'FILE_STORAGE_MAX_BYTES must not be less than 1'],
  ])('refuses %j', (env, message) => {
    expect(() => resolveFileStorageConfig(env, 'svc')).toThrow(message);
  });
});
