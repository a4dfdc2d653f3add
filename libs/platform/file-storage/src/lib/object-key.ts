import { BadRequestException } from '@nestjs/common';

/** Longest key accepted, in UTF-8 bytes (S3 allows 1024 including the service prefix). */
export const MAX_KEY_BYTES = 512;
/** Longest key segment, in UTF-8 bytes: the local adapter stores each segment as a file name (limit 255). */
export const MAX_SEGMENT_BYTES = 250;

// C0 controls, DEL and C1 controls: invisible in logs, dangerous in headers and file names.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const WINDOWS_DRIVE = /^[A-Za-z]:/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A key shortened and escaped so it can be quoted in an error message. */
function quote(key: string): string {
  const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
  return JSON.stringify(shown);
}

function problemWith(key: string, allowTrailingSlash: boolean): string | undefined {
  if (LONE_SURROGATE.test(key)) return 'it is not valid Unicode';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (CONTROL_CHARACTER.test(key)) return 'it contains a control character';
  if (key.includes('\\')) return 'it contains a backslash (use "/" to separate segments)';
  if (key.startsWith('/') || WINDOWS_DRIVE.test(key)) return 'it is an absolute path (keys are relative)';
  const segments = key.split('/');
  if (allowTrailingSlash && segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  for (const segment of segments) {
    if (segment === '') return 'it contains an empty segment ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return `it contains a "${segment}" segment`;
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
      return `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`;
    }
  }
  return undefined;
}

/**
 * Throws a 400 naming the problem unless `key` is a safe storage key: relative, "/"-separated, no empty, "." or ".."
 * segments, no backslashes or control characters, at most MAX_KEY_BYTES. Every adapter applies the same rules, so a
 * key that works locally works on S3 and cannot escape the storage root.
 */
export function assertValidKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0)
    throw new BadRequestException('invalid file key: it is missing or empty');
  const problem = problemWith(key, false);
  if (problem) throw new BadRequestException(`invalid file key ${quote(key)}: ${problem}`);
}

/** Like assertValidKey, for list prefixes: may be empty, may end with "/" or in the middle of a segment. */
export function assertValidPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string') throw new BadRequestException('invalid file key prefix: it is not a string');
  if (prefix === '') return;
  const problem = problemWith(prefix, true);
  if (problem) throw new BadRequestException(`invalid file key prefix ${quote(prefix)}: ${problem}`);
}
