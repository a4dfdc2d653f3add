import { envInt, EnvValidationError, localStateDir, validateEnv } from '@ms/platform-core';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { isAbsolute, join, resolve } from 'node:path';
import type { S3StorageSettings } from './s3/s3-file-storage';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_S3_REGION = 'us-east-1';
export const DEFAULT_S3_CALL_TIMEOUT_MS = 10_000;
export const S3_IDLE_TIMEOUT_MS = 30_000;
export const S3_CONNECT_TIMEOUT_MS = 3_000;

/** Environment variables of the file-storage adapter. `S3_BUCKET` set → S3; unset → the local disk. */
export class FileStorageEnv {
  /** Local adapter: the folder for this service's files. Default `<MS_STATE_DIR or ./.data>/files/<service>`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  FILE_STORAGE_DIR?: string;

  /** Default upload limit in bytes when a put does not name one. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  FILE_STORAGE_MAX_BYTES?: number;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    {
      message: 'S3_ENDPOINT must be an http(s) URL, e.g. http://127.0.0.1:9000',
    },
  )
  S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9-]+$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  S3_REGION?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE?: string;

  /** Folder inside the bucket; default the service name. Empty: the bucket root. */
  @IsOptional()
  // eslint-disable-next-line no-control-regex
  @Matches(/^(?!\/)[^\\\u0000-\u001f\u007f]*$/, {
    message: 'S3_PREFIX must be a relative path without control characters or backslashes',
  })
  S3_PREFIX?: string;

  /** Upper bound for one S3 metadata call (head, list, delete, start of a download). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  S3_TIMEOUT_MS?: number;
}

export type FileStorageConfig =
  | { readonly backend: 'local'; readonly root: string; readonly defaultMaxBytes: number }
  | ({ readonly backend: 's3' } & S3StorageSettings);

const S3_ONLY = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
] as const;

/**
 * Chooses and configures the backend from the environment. Throws EnvValidationError naming the variable when the
 * configuration is wrong or half-done (S3 settings without a bucket would otherwise silently write to local disk).
 */
export function resolveFileStorageConfig(env: NodeJS.ProcessEnv, serviceName: string): FileStorageConfig {
  // Empty values count as unset (a blank line in a .env or a ConfigMap), except S3_PREFIX where "" means "no prefix".
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => value !== undefined && (value !== '' || name === 'S3_PREFIX')),
  );
  const config = validateEnv(FileStorageEnv, present);
  const defaultMaxBytes = config.FILE_STORAGE_MAX_BYTES ?? DEFAULT_MAX_BYTES;

  if (!config.S3_BUCKET) {
    const stray = S3_ONLY.filter((name) => config[name] !== undefined);
    if (stray.length > 0) {
      throw new EnvValidationError(
        `Invalid environment: ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but S3_BUCKET is not ` +
          '(set S3_BUCKET to use S3, or unset the S3 variables to use the local disk)',
      );
    }
    const dir = config.FILE_STORAGE_DIR;
    const root = dir ? (isAbsolute(dir) ? dir : resolve(dir)) : join(localStateDir(env), 'files', serviceName);
    return { backend: 'local', root, defaultMaxBytes };
  }

  if ((config.S3_ACCESS_KEY_ID === undefined) !== (config.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new EnvValidationError(
      'Invalid environment: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together ' +
        '(or both unset to use the AWS default credential chain)',
    );
  }
  return {
    backend: 's3',
    bucket: config.S3_BUCKET,
    prefix: config.S3_PREFIX ?? serviceName,
    region: config.S3_REGION ?? DEFAULT_S3_REGION,
    endpoint: config.S3_ENDPOINT,
    // MinIO and most S3-compatible servers need path-style URLs; AWS prefers virtual-hosted ones.
    forcePathStyle: config.S3_FORCE_PATH_STYLE
      ? config.S3_FORCE_PATH_STYLE === 'true'
      : config.S3_ENDPOINT !== undefined,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    callTimeoutMs: config.S3_TIMEOUT_MS ?? DEFAULT_S3_CALL_TIMEOUT_MS,
    idleTimeoutMs: S3_IDLE_TIMEOUT_MS,
    connectTimeoutMs: S3_CONNECT_TIMEOUT_MS,
    defaultMaxBytes,
  };
}
