import type { Readable } from 'node:stream';

/** Options of FileStorage.put. */
export interface PutOptions {
  /** Media type stored with the file and sent back on download. Default `application/octet-stream`. */
  readonly contentType?: string;
  /**
   * Largest accepted size in bytes, enforced while streaming: the write stops at the limit with a 413 and nothing is
   * stored. Default: the module's limit (FILE_STORAGE_MAX_BYTES, 10 MiB).
   */
  readonly maxBytes?: number;
}

/**
 * A requested byte range, as in an HTTP Range header: `{ start, end? }` (inclusive offsets; no end means "to the
 * last byte") or `{ suffixLength }` (the last N bytes).
 */
export type ByteRangeRequest = { readonly start: number; readonly end?: number } | { readonly suffixLength: number };

/** A satisfiable byte range resolved against a file's size: inclusive offsets. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface GetOptions {
  /** Read only part of the file. A range that starts past the end is a 416 (RangeNotSatisfiableException). */
  readonly range?: ByteRangeRequest;
}

/** What is known about a stored file without reading it. */
export interface StoredFileInfo {
  readonly key: string;
  /** Size of the whole file in bytes. */
  readonly size: number;
  readonly contentType: string;
  /** Strong HTTP entity tag, quotes included (`"…"`); changes whenever the content changes. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** A file being read. The caller must consume or destroy `stream`. */
export interface StoredFile extends StoredFileInfo {
  /** The file's bytes, or only those of `range` when a range was requested. */
  readonly stream: Readable;
  /** The resolved range when one was requested; `stream` yields `range.end - range.start + 1` bytes. */
  readonly range?: ByteRange;
}

export interface ListOptions {
  /** Page size, 1–1000. Default 100. */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One listed file. Listing does not return content types (S3 does not list them); use stat for one file. */
export interface FileListEntry {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
}

export interface FileList {
  /** Files in ascending key order (UTF-8 byte order, as S3 lists them). */
  readonly items: FileListEntry[];
  /** Present when more files follow; pass it as `cursor` to get the next page. */
  readonly nextCursor?: string;
}

/**
 * Where a service keeps files (images, documents, exports). Inject it after importing `FileStorageModule.forRoot()`.
 * Keys are relative, "/"-separated paths (see assertValidKey); a bad key is a 400, a missing file a 404, an oversized
 * upload a 413, an unsatisfiable range a 416 and an unreachable backend a 503, all as Nest HttpExceptions.
 */
export abstract class FileStorage {
  /** Streams `source` into `key`, replacing any file there only once the whole upload succeeded. */
  abstract put(key: string, source: Readable, options?: PutOptions): Promise<StoredFileInfo>;

  /** Opens `key` for reading, or the requested range of it. */
  abstract get(key: string, options?: GetOptions): Promise<StoredFile>;

  abstract stat(key: string): Promise<StoredFileInfo>;

  /** Removes `key`. Deleting a file that does not exist succeeds (as on S3). */
  abstract delete(key: string): Promise<void>;

  /** Files whose keys start with `prefix` ("" for all), one page at a time. */
  abstract list(prefix: string, options?: ListOptions): Promise<FileList>;
}
