import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseRangeHeader } from '../byte-range';
import { RangeNotSatisfiableException } from '../errors';
import type { FileStorage, StoredFileInfo } from '../file-storage';

export interface SendFileOptions {
  /** Cache-Control header. Default `no-cache`: clients may keep the file but revalidate, getting a cheap 304. */
  readonly cacheControl?: string;
}

// Stored files are user content: never let one run as a page of this origin (an uploaded SVG or HTML with script).
const USER_CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const ENTITY_TAG = /(?:W\/)?"[^"]*"|\*/g;

/** Weak comparison (RFC 9110 §8.8.3.2), as If-None-Match requires. */
function anyTagMatches(header: string, etag: string): boolean {
  const bare = (tag: string) => tag.replace(/^W\//, '');
  return (header.match(ENTITY_TAG) ?? []).some((tag) => tag === '*' || bare(tag) === bare(etag));
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function isNotModified(info: StoredFileInfo, ifNoneMatch?: string, ifModifiedSince?: string): boolean {
  if (ifNoneMatch !== undefined) return anyTagMatches(ifNoneMatch, info.etag);
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && seconds(info.lastModified) <= since / 1000;
}

/** If-Range: the range applies only to the version the client already has (strong ETag or exact date). */
function rangeStillValid(ifRange: string, info: StoredFileInfo): boolean {
  const value = ifRange.trim();
  if (value.startsWith('"')) return !info.etag.startsWith('W/') && value === info.etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && seconds(info.lastModified) === date / 1000;
}

function validators(reply: FastifyReply, info: StoredFileInfo, options: SendFileOptions): FastifyReply {
  return reply
    .header('etag', info.etag)
    .header('last-modified', info.lastModified.toUTCString())
    .header('cache-control', options.cacheControl ?? 'no-cache');
}

/**
 * Sends the file stored under `key` as the response, streaming it: Content-Type, Content-Length, ETag,
 * Last-Modified, Cache-Control and Accept-Ranges; `Range` → 206 with Content-Range (416 with `Content-Range:
 * bytes *\/size` when unsatisfiable); `If-None-Match` / `If-Modified-Since` → 304; `If-Range` honoured. Missing
 * file → 404. Use in a handler that takes `@Res() reply` and returns this call.
 */
export async function sendStoredFile(
  storage: FileStorage,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  options: SendFileOptions = {},
): Promise<FastifyReply> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const ifNoneMatch = header('if-none-match');
  const ifModifiedSince = header('if-modified-since');
  const ifRange = header('if-range');
  let range = parseRangeHeader(header('range'));

  // Conditions are checked on metadata first, so a 304 never opens the file.
  if (ifNoneMatch !== undefined || ifModifiedSince !== undefined || (range && ifRange !== undefined)) {
    const info = await storage.stat(key);
    if (isNotModified(info, ifNoneMatch, ifModifiedSince)) return validators(reply, info, options).status(304).send();
    if (range && ifRange !== undefined && !rangeStillValid(ifRange, info)) range = undefined;
  }

  let file;
  try {
    file = await storage.get(key, range ? { range } : undefined);
  } catch (error) {
    if (error instanceof RangeNotSatisfiableException) reply.header('content-range', `bytes */${error.size}`);
    throw error;
  }
  validators(reply, file, options)
    .header('content-type', file.contentType)
    .header('accept-ranges', 'bytes')
    .header('content-security-policy', USER_CONTENT_POLICY)
    .header('x-content-type-options', 'nosniff');
  if (file.range) {
    reply
      .status(206)
      .header('content-range', `bytes ${file.range.start}-${file.range.end}/${file.size}`)
      .header('content-length', file.range.end - file.range.start + 1);
  } else {
    reply.status(200).header('content-length', file.size);
  }
  return reply.send(file.stream);
}
