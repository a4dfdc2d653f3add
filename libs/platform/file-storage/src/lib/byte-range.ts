import type { ByteRange, ByteRangeRequest } from './file-storage';
import { RangeNotSatisfiableException } from './errors';

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads an HTTP `Range` header (RFC 9110 §14.2). Returns undefined for anything that is not one well-formed byte
 * range (absent, other units, several ranges, malformed): the server then ignores the header and sends the whole
 * file, as the RFC allows.
 */
export function parseRangeHeader(header: string | undefined): ByteRangeRequest | undefined {
  const match = header === undefined ? null : SINGLE_RANGE.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { suffixLength: Number(last) };
  const start = Number(first);
  if (!Number.isSafeInteger(start)) return undefined;
  if (last === '') return { start };
  const end = Number(last);
  if (!Number.isSafeInteger(end) || end < start) return undefined;
  return { start, end };
}

/** Resolves a requested range against a file of `size` bytes; throws a 416 when no byte of it exists. */
export function resolveByteRange(request: ByteRangeRequest, size: number, key: string): ByteRange {
  if ('suffixLength' in request) {
    if (!(request.suffixLength > 0) || size === 0) throw new RangeNotSatisfiableException(key, size);
    return { start: Math.max(0, size - request.suffixLength), end: size - 1 };
  }
  const { start, end } = request;
  if (!Number.isInteger(start) || start < 0 || (end !== undefined && (!Number.isInteger(end) || end < start))) {
    throw new RangeNotSatisfiableException(key, size);
  }
  if (start >= size) throw new RangeNotSatisfiableException(key, size);
  return { start, end: Math.min(end ?? size - 1, size - 1) };
}
