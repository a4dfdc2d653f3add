import { BadRequestException } from '@nestjs/common';
import { FileStorage, ListOptions, PutOptions } from './file-storage';

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

/** What the module needs from an adapter beyond the FileStorage API: a name for logs and a readiness probe. */
export abstract class FileStorageBackend extends FileStorage {
  /** `local` or `s3`, reported by the readiness check. */
  abstract readonly kind: 'local' | 's3';
  /** Where files go, for the start-up log line (never contains credentials). */
  abstract readonly location: string;
  /** Resolves when the backend accepts writes (local) or answers (S3) within `timeoutMs`; throws otherwise. */
  abstract probe(timeoutMs: number): Promise<void>;
}

export function resolveMaxBytes(options: PutOptions | undefined, defaultMaxBytes: number): number {
  const maxBytes = options?.maxBytes ?? defaultMaxBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
  }
  return maxBytes;
}

export function resolveListLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new BadRequestException(`list limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  }
  return limit;
}

/** Rejects after `timeoutMs` unless `work` settles first. */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
