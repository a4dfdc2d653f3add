import {
  asInt,
  Env,
  EnvValidationError,
  loadConfig,
  localStateDir,
  type Environment,
  type OnConfigLoad,
} from '@ms/platform-core';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { isAbsolute, join, resolve } from 'node:path';
import type { S3StorageSettings } from './s3/s3-file-storage';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_S3_REGION = 'us-east-1';
export const DEFAULT_S3_CALL_TIMEOUT_MS = 10_000;
export const S3_IDLE_TIMEOUT_MS = 30_000;
export const S3_CONNECT_TIMEOUT_MS = 3_000;

const S3_ONLY = {
  endpoint: 'S3_ENDPOINT',
  region: 'S3_REGION',
  accessKeyId: 'S3_ACCESS_KEY_ID',
  secretAccessKey: 'S3_SECRET_ACCESS_KEY',
  forcePathStyle: 'S3_FORCE_PATH_STYLE',
} as const;

/** Variables of the file-storage adapter. `S3_BUCKET` set → S3; unset → the local disk. */
export class FileStorageSettings implements OnConfigLoad {
  /** Local adapter: the folder for this service's files. Default `<MS_STATE_DIR or ./.data>/files/<service>`. */
  @Env('FILE_STORAGE_DIR')
  @IsOptional()
  @IsString()
  readonly dir?: string;

  /** Default upload limit in bytes when a put does not name one. */
  @Env('FILE_STORAGE_MAX_BYTES', asInt)
  @IsInt()
  @Min(1)
  readonly maxBytes: number = DEFAULT_MAX_BYTES;

  @Env('S3_BUCKET')
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: '$property must be a valid bucket name' })
  readonly bucket?: string;

  @Env('S3_ENDPOINT')
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '$property must be an http(s) URL, e.g. http://127.0.0.1:9000' },
  )
  readonly endpoint?: string;

  @Env('S3_REGION')
  @IsOptional()
  @Matches(/^[a-z0-9-]+$/, { message: '$property must be a region name such as us-east-1' })
  readonly region?: string;

  @Env('S3_ACCESS_KEY_ID')
  @IsOptional()
  @IsString()
  @MinLength(1)
  readonly accessKeyId?: string;

  @Env('S3_SECRET_ACCESS_KEY')
  @IsOptional()
  @IsString()
  @MinLength(1)
  readonly secretAccessKey?: string;

  /** Unset: path-style with S3_ENDPOINT (MinIO), virtual-hosted without (AWS). */
  @Env('S3_FORCE_PATH_STYLE')
  @IsOptional()
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  readonly forcePathStyle?: 'true' | 'false';

  /** Folder inside the bucket; default the service name. Empty: the bucket root. */
  @Env('S3_PREFIX', { keepEmpty: true })
  @IsOptional()
  // eslint-disable-next-line no-control-regex
  @Matches(/^(?!\/)[^\\\u0000-\u001f\u007f]*$/, {
    message: '$property must be a relative path without control characters or backslashes',
  })
  readonly prefix?: string;

  /** Upper bound for one S3 metadata call (head, list, delete, start of a download). */
  @Env('S3_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  readonly callTimeoutMs: number = DEFAULT_S3_CALL_TIMEOUT_MS;

  /** A half-done S3 configuration is an error: S3 settings without a bucket would silently write to local disk. */
  onConfigLoad(): void {
    if (!this.bucket) {
      const stray = Object.entries(S3_ONLY)
        .filter(([property]) => this[property as keyof typeof S3_ONLY] !== undefined)
        .map(([, variable]) => variable);
      if (stray.length > 0) {
        throw new EnvValidationError(
          `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but S3_BUCKET is not ` +
            '(set S3_BUCKET to use S3, or unset the S3 variables to use the local disk)',
        );
      }
    } else if ((this.accessKeyId === undefined) !== (this.secretAccessKey === undefined)) {
      throw new EnvValidationError(
        'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together ' +
          '(or both unset to use the AWS default credential chain)',
      );
    }
  }
}

export type FileStorageConfig =
  | { readonly backend: 'local'; readonly root: string; readonly defaultMaxBytes: number }
  | ({ readonly backend: 's3' } & S3StorageSettings);

/** Chooses and configures the backend. Throws EnvValidationError naming the variable when a setting is wrong. */
export function resolveFileStorageConfig(
  env: Environment,
  serviceName: string,
  // Empty values count as unset (a blank line in a .env or a ConfigMap), except S3_PREFIX where "" means "no prefix".
  config: FileStorageSettings = loadConfig(FileStorageSettings, env),
): FileStorageConfig {
  const defaultMaxBytes = config.maxBytes;

  if (!config.bucket) {
    const dir = config.dir;
    const root = dir ? (isAbsolute(dir) ? dir : resolve(dir)) : join(localStateDir(env), 'files', serviceName);
    return { backend: 'local', root, defaultMaxBytes };
  }

  return {
    backend: 's3',
    bucket: config.bucket,
    prefix: config.prefix ?? serviceName,
    region: config.region ?? DEFAULT_S3_REGION,
    endpoint: config.endpoint,
    // MinIO and most S3-compatible servers need path-style URLs; AWS prefers virtual-hosted ones.
    forcePathStyle: config.forcePathStyle ? config.forcePathStyle === 'true' : config.endpoint !== undefined,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    callTimeoutMs: config.callTimeoutMs,
    idleTimeoutMs: S3_IDLE_TIMEOUT_MS,
    connectTimeoutMs: S3_CONNECT_TIMEOUT_MS,
    defaultMaxBytes,
  };
}
