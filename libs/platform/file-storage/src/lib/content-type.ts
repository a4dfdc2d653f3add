import { BadRequestException } from '@nestjs/common';

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const MAX_CONTENT_TYPE_LENGTH = 200;
const TOKEN = '[A-Za-z0-9!#$&^_.+-]+';
// type/subtype with optional parameters; no control characters, so it is safe to send back as a header.
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;\\s*${TOKEN}=("[^"\\u0000-\\u001f\\u007f]*"|${TOKEN}))*$`);

/** The content type to store: the given one trimmed, or application/octet-stream; a malformed one is a 400. */
export function normalizeContentType(contentType: string | undefined): string {
  if (contentType === undefined || contentType.trim() === '') return DEFAULT_CONTENT_TYPE;
  const trimmed = contentType.trim();
  if (trimmed.length > MAX_CONTENT_TYPE_LENGTH || !MEDIA_TYPE.test(trimmed)) {
    throw new BadRequestException(`invalid content type ${JSON.stringify(trimmed.slice(0, 80))}`);
  }
  return trimmed;
}

/** `image/png; q=1` → `image/png` */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';', 1)[0].trim().toLowerCase();
}

/** Whether a content type matches one of the patterns: exact media types or `type/*` wildcards. */
export function matchesContentType(contentType: string, patterns: readonly string[]): boolean {
  const mediaType = mediaTypeOf(contentType);
  return patterns.some((pattern) => {
    const wanted = pattern.trim().toLowerCase();
    return wanted.endsWith('/*') ? mediaType.startsWith(wanted.slice(0, -1)) : mediaType === wanted;
  });
}
