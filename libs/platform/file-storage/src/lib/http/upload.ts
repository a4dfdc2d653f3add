import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { matchesContentType } from '../content-type';
import type { FileStorage, StoredFileInfo } from '../file-storage';
import { assertValidKey } from '../object-key';

/** Request content types that reach handlers as raw streams unless FileStorageModule.forRoot names others. */
export const DEFAULT_UPLOAD_CONTENT_TYPES: readonly string[] = ['application/octet-stream', 'image/*'];

export interface UploadOptions {
  /** Largest accepted body in bytes; enforced while streaming (413, nothing stored). */
  readonly maxBytes: number;
  /**
   * Content types this endpoint accepts (`image/png`, `image/*` …); others get a 415. Default: every upload type
   * registered by the module.
   */
  readonly contentTypes?: readonly string[];
}

/**
 * Makes Fastify hand request bodies of these content types to handlers as the raw stream (`request.body`), without
 * buffering them and without applying Fastify's bodyLimit: storeRequestBody enforces each endpoint's own limit.
 */
export function registerUploadContentTypes(fastify: FastifyInstance, patterns: readonly string[]): void {
  for (const pattern of patterns) {
    const type = pattern.trim().toLowerCase();
    const matcher = type.endsWith('/*')
      ? new RegExp(`^${type.slice(0, -1).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`)
      : type;
    if (fastify.hasContentTypeParser(matcher)) {
      // Fastify parses text/plain itself; a service that accepts text files wants the stream instead.
      if (type !== 'text/plain') continue;
      fastify.removeContentTypeParser('text/plain');
    }
    fastify.addContentTypeParser(matcher, (_request, payload, done) => done(null, payload));
  }
  // An upload rejected before its end (too large, bad key, wrong type) leaves unread bytes on the connection;
  // closing it after the response is cheaper than reading and discarding them.
  fastify.addHook('onSend', async (request, reply) => {
    if (request.body instanceof Readable && !request.raw.complete) reply.header('connection', 'close');
  });
}

/**
 * Streams the request body into `storage` under `key` and returns what was stored. For handlers of uploads sent as
 * the raw body (`PUT /products/42/image` with `Content-Type: image/png`), never as JSON or multipart.
 * Errors: bad key → 400, content type not accepted or body not raw → 415, body over `maxBytes` → 413 (checked from
 * Content-Length before reading, and while streaming).
 */
export async function storeRequestBody(
  storage: FileStorage,
  request: FastifyRequest,
  key: string,
  options: UploadOptions,
): Promise<StoredFileInfo> {
  assertValidKey(key);
  const contentType = request.headers['content-type'];
  if (options.contentTypes && !(contentType && matchesContentType(contentType, options.contentTypes))) {
    throw new UnsupportedMediaTypeException(
      `content type ${contentType ? `"${contentType}"` : '(none)'} is not accepted here; send one of: ${options.contentTypes.join(', ')}`,
    );
  }
  const body = request.body;
  if (!(body instanceof Readable)) {
    throw new UnsupportedMediaTypeException(
      'send the file as the raw request body with its own content type (for example application/octet-stream)',
    );
  }
  const declaredLength = Number(request.headers['content-length']);
  if (declaredLength > options.maxBytes) {
    throw new PayloadTooLargeException(`file is larger than the limit of ${options.maxBytes} bytes`);
  }
  return storage.put(key, body, { contentType, maxBytes: options.maxBytes });
}
