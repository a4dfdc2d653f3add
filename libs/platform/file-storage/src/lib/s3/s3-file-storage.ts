import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BadRequestException, HttpException, OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import { resolveByteRange } from '../byte-range';
import { DEFAULT_CONTENT_TYPE, normalizeContentType } from '../content-type';
import { fileNotFound, fileTooLarge, storageUnavailable } from '../errors';
import type {
  ByteRange,
  FileList,
  GetOptions,
  ListOptions,
  PutOptions,
  StoredFile,
  StoredFileInfo,
} from '../file-storage';
import { FileStorageBackend, resolveListLimit, resolveMaxBytes } from '../file-storage-backend';
import { assertValidKey, assertValidPrefix } from '../object-key';
import { LimitedStream, limitBytes } from '../size-limit';

export interface S3StorageSettings {
  readonly bucket: string;
  /** Folder inside the bucket that holds this service's files ("" for the bucket root). */
  readonly prefix: string;
  readonly region: string;
  /** For MinIO and other S3-compatible servers; unset means AWS. */
  readonly endpoint?: string;
  readonly forcePathStyle: boolean;
  /** Unset: the AWS default credential chain (environment, IAM role, …). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Upper bound for one metadata call (head, list, delete, until a download's headers arrive). */
  readonly callTimeoutMs: number;
  /** Longest silence on a connection while bytes are streaming (uploads and downloads). */
  readonly idleTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly defaultMaxBytes: number;
}

/** Uploads are sent in parts of this size (S3's minimum); at most PART_QUEUE parts are held in memory at once. */
const PART_SIZE = 5 * 1024 * 1024;
const PART_QUEUE = 2;
const READ_ATTEMPTS = 3;

const statusOf = (error: unknown) => (error as S3ServiceException)?.$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error as Error)?.name ?? '';

/**
 * Files in an S3 bucket (AWS, MinIO or any S3-compatible server), under `<prefix>/`. Uploads stream as multipart
 * uploads; every call has a bounded time (connect timeout, idle timeout, and an abort signal on metadata calls).
 */
export class S3FileStorage extends FileStorageBackend implements OnApplicationShutdown {
  readonly kind = 's3';
  readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly settings: S3StorageSettings) {
    super();
    this.prefix = settings.prefix.replace(/\/+$/, '') === '' ? '' : settings.prefix.replace(/\/+$/, '') + '/';
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      maxAttempts: 3,
      // Checksums only where S3 requires them: MinIO and older S3-compatible servers reject the newer defaults.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: settings.connectTimeoutMs, requestTimeout: settings.idleTimeoutMs },
    });
  }

  get location(): string {
    const where = this.settings.endpoint ? ` at ${this.settings.endpoint}` : ` in ${this.settings.region}`;
    return `s3://${this.settings.bucket}/${this.prefix}${where}`;
  }

  async put(key: string, source: Readable, options?: PutOptions): Promise<StoredFileInfo> {
    assertValidKey(key);
    const contentType = normalizeContentType(options?.contentType);
    const maxBytes = resolveMaxBytes(options, this.settings.defaultMaxBytes);
    let limited: LimitedStream | undefined;
    try {
      limited = limitBytes(source, maxBytes);
      const upload = new Upload({
        client: this.client,
        params: {
          Bucket: this.settings.bucket,
          Key: this.prefix + key,
          Body: limited.stream,
          ContentType: contentType,
        },
        partSize: PART_SIZE,
        queueSize: PART_QUEUE,
        leavePartsOnError: false,
      });
      await upload.done();
    } catch (error) {
      // lib-storage may report the failed multipart abort instead of the cause; the counter knows what happened.
      if (limited?.exceeded()) throw fileTooLarge(maxBytes);
      throw this.failure(error, key, 'upload');
    }
    return this.stat(key);
  }

  async get(key: string, options?: GetOptions): Promise<StoredFile> {
    assertValidKey(key);
    if (!options?.range) {
      const response = await this.call(key, 'download', (abortSignal) =>
        this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.prefix + key }), {
          abortSignal,
        }),
      );
      return { ...this.info(key, response), stream: bodyOf(response.Body) };
    }
    // The range is resolved here, against a known size and ETag, so that every backend answers ranges alike
    // (suffix ranges, 416) and the slice is guaranteed to come from the same version of the file.
    for (let attempt = 1; ; attempt++) {
      const info = await this.stat(key);
      const range = resolveByteRange(options.range, info.size, key);
      try {
        const response = await this.call(key, 'download', (abortSignal) =>
          this.client.send(
            new GetObjectCommand({
              Bucket: this.settings.bucket,
              Key: this.prefix + key,
              Range: `bytes=${range.start}-${range.end}`,
              IfMatch: info.etag,
            }),
            { abortSignal },
          ),
        );
        return { ...info, stream: exactly(bodyOf(response.Body), response.ContentRange, range, info.size), range };
      } catch (error) {
        const changed = error instanceof HttpException && error.getStatus() === 412;
        if (!changed || attempt >= READ_ATTEMPTS) throw error;
      }
    }
  }

  async stat(key: string): Promise<StoredFileInfo> {
    assertValidKey(key);
    const response = await this.call(key, 'stat', (abortSignal) =>
      this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.prefix + key }), {
        abortSignal,
      }),
    );
    return this.info(key, response);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.call(key, 'delete', (abortSignal) =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.prefix + key }), {
        abortSignal,
      }),
    );
  }

  async list(prefix: string, options?: ListOptions): Promise<FileList> {
    assertValidPrefix(prefix);
    const limit = resolveListLimit(options);
    if (options?.cursor === '') throw new BadRequestException('invalid list cursor');
    const response = await this.call(prefix, 'list', (abortSignal) =>
      this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: this.prefix + prefix,
          MaxKeys: limit,
          ContinuationToken: options?.cursor,
        }),
        { abortSignal },
      ),
    );
    const items = (response.Contents ?? []).map((object) => ({
      key: (object.Key ?? '').slice(this.prefix.length),
      size: object.Size ?? 0,
      etag: object.ETag ?? '',
      lastModified: object.LastModified ?? new Date(0),
    }));
    const nextCursor = response.IsTruncated ? response.NextContinuationToken : undefined;
    return nextCursor ? { items, nextCursor } : { items };
  }

  async probe(timeoutMs: number): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(describeFailure(error, timeoutMs, `bucket "${this.settings.bucket}"`), { cause: error });
    }
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private info(
    key: string,
    response: {
      ContentLength?: number;
      ContentType?: string;
      ETag?: string;
      LastModified?: Date;
      ContentRange?: string;
    },
  ): StoredFileInfo {
    return {
      key,
      size: response.ContentLength ?? 0,
      contentType: response.ContentType ?? DEFAULT_CONTENT_TYPE,
      etag: response.ETag ?? '',
      lastModified: response.LastModified ?? new Date(0),
    };
  }

  /** Runs one S3 call with an abort signal that fires after callTimeoutMs, mapping failures to HTTP errors. */
  private async call<T>(key: string, action: string, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.callTimeoutMs);
    try {
      return await send(controller.signal);
    } catch (error) {
      throw this.failure(error, key, action);
    } finally {
      // Cleared once the response headers are in: a download's body may stream for longer (bounded by the idle
      // timeout instead).
      clearTimeout(timer);
    }
  }

  private failure(error: unknown, key: string, action: string): Error {
    if (error instanceof HttpException) return error;
    const name = nameOf(error);
    const status = statusOf(error);
    if (name === 'NoSuchBucket') return storageUnavailable(`bucket "${this.settings.bucket}" does not exist`, error);
    if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && action !== 'list')) return fileNotFound(key);
    if (name === 'PreconditionFailed' || status === 412) {
      return new HttpException(`file "${key}" changed while it was being read`, 412, { cause: error });
    }
    if (action === 'list' && (name === 'InvalidArgument' || status === 400)) {
      return new BadRequestException('invalid list cursor', { cause: error });
    }
    return storageUnavailable(
      `${action} of "${key}": ${describeFailure(error, this.settings.callTimeoutMs, 'S3')}`,
      error,
    );
  }
}

function describeFailure(error: unknown, timeoutMs: number, what: string): string {
  const name = nameOf(error);
  if (name === 'AbortError' || name === 'TimeoutError') return `${what} did not answer within ${timeoutMs} ms`;
  const status = statusOf(error);
  const code = (error as NodeJS.ErrnoException)?.code;
  return `${what} failed: ${name || 'error'}${status ? ` (HTTP ${status})` : ''}${code ? ` (${code})` : ''}`;
}

function bodyOf(body: unknown): Readable {
  if (body instanceof Readable) return body;
  throw new Error('S3 returned no readable body');
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/**
 * The bytes of `wanted` from a ranged response. HTTP lets a server ignore Range or send more than asked (some
 * S3-compatible servers do, e.g. for `bytes=0-0`); the extra bytes are skipped here rather than sent to clients.
 */
function exactly(body: Readable, contentRange: string | undefined, wanted: ByteRange, size: number): Readable {
  const match = contentRange === undefined ? null : CONTENT_RANGE.exec(contentRange);
  const sent = match ? { start: Number(match[1]), end: Number(match[2]) } : { start: 0, end: size - 1 };
  if (sent.start === wanted.start && sent.end === wanted.end) return body;
  if (sent.start > wanted.start || sent.end < wanted.end) {
    body.destroy();
    throw storageUnavailable(`S3 sent bytes ${sent.start}-${sent.end} when asked for ${wanted.start}-${wanted.end}`);
  }
  const skip = wanted.start - sent.start;
  const length = wanted.end - wanted.start + 1;
  return Readable.from(
    (async function* () {
      let position = 0;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        const from = Math.max(0, skip - position);
        const to = Math.min(chunk.length, skip + length - position);
        position += chunk.length;
        if (to > from) yield chunk.subarray(from, to);
        if (position >= skip + length) return; // stops (and closes) the download
      }
    })(),
  );
}
