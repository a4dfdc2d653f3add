import { BadRequestException, HttpException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolveByteRange } from '../byte-range';
import { normalizeContentType } from '../content-type';
import { fileNotFound, fileTooLarge, storageUnavailable } from '../errors';
import type {
  FileList,
  FileListEntry,
  GetOptions,
  ListOptions,
  PutOptions,
  StoredFile,
  StoredFileInfo,
} from '../file-storage';
import { FileStorageBackend, resolveListLimit, resolveMaxBytes, withTimeout } from '../file-storage-backend';
import { assertValidKey, assertValidPrefix } from '../object-key';
import { LimitedStream, limitBytes } from '../size-limit';

/** The sidecar written next to each file's bytes. */
interface Sidecar {
  readonly blob: string;
  readonly size: number;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
}

// Metadata lives at meta/<seg>.d/…/<last>.json: distinct suffixes for folders and files, so keys "a" and "a/b"
// (both valid on S3) never need the same path.
const FOLDER_SUFFIX = '.d';
const FILE_SUFFIX = '.json';
// A reader that races an overwrite can find the old blob already removed; it then re-reads the new sidecar.
const READ_ATTEMPTS = 3;

const isCode = (error: unknown, ...codes: string[]) => codes.includes((error as NodeJS.ErrnoException)?.code ?? '');

/**
 * Files on the local disk, for development and single-node deployments. Layout under `root`:
 * `blobs/<uuid>` holds bytes, `meta/…/<key>.json` a sidecar naming the blob with its content type, size and ETag,
 * `tmp/` uploads in progress. An upload is written to `tmp/` and renamed into place only when complete, and a
 * file's sidecar is swapped with one rename, so readers see the old file or the new one, never a mix, and a failed
 * upload leaves nothing behind.
 */
export class LocalFileStorage extends FileStorageBackend {
  readonly kind = 'local';
  private readonly metaRoot: string;
  private readonly blobRoot: string;
  private readonly tmpRoot: string;
  private folders?: Promise<void>;
  /** Serialises the commit step per key, so concurrent overwrites cannot orphan a blob. */
  private readonly commits = new Map<string, Promise<unknown>>();

  constructor(
    readonly root: string,
    private readonly defaultMaxBytes: number,
  ) {
    super();
    this.metaRoot = join(root, 'meta');
    this.blobRoot = join(root, 'blobs');
    this.tmpRoot = join(root, 'tmp');
  }

  get location(): string {
    return this.root;
  }

  async put(key: string, source: Readable, options?: PutOptions): Promise<StoredFileInfo> {
    assertValidKey(key);
    const contentType = normalizeContentType(options?.contentType);
    const maxBytes = resolveMaxBytes(options, this.defaultMaxBytes);
    await this.ensureFolders();

    const blob = randomUUID();
    const partial = join(this.tmpRoot, blob);
    const hash = createHash('sha256');
    let limited: LimitedStream | undefined;
    let size = 0;
    try {
      const file = (await open(partial, 'wx')).createWriteStream();
      limited = limitBytes(source, maxBytes);
      await pipeline(
        limited.stream,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        file,
      );
      size = limited.bytes();
      await rename(partial, join(this.blobRoot, blob));
    } catch (error) {
      await rm(partial, { force: true });
      if (limited?.exceeded()) throw fileTooLarge(maxBytes);
      throw this.failure(error, 'writing');
    }

    const sidecar: Sidecar = {
      blob,
      size,
      contentType,
      etag: `"${hash.digest('base64url')}"`,
      lastModified: new Date().toISOString(),
    };
    try {
      await this.commit(key, sidecar);
    } catch (error) {
      await rm(join(this.blobRoot, blob), { force: true });
      throw this.failure(error, 'writing');
    }
    return toInfo(key, sidecar);
  }

  async get(key: string, options?: GetOptions): Promise<StoredFile> {
    assertValidKey(key);
    for (let attempt = 1; ; attempt++) {
      const sidecar = await this.readSidecar(key);
      const range = options?.range ? resolveByteRange(options.range, sidecar.size, key) : undefined;
      let handle;
      try {
        handle = await open(join(this.blobRoot, sidecar.blob), 'r');
      } catch (error) {
        if (isCode(error, 'ENOENT') && attempt < READ_ATTEMPTS) continue;
        throw isCode(error, 'ENOENT') ? fileNotFound(key) : this.failure(error, 'reading');
      }
      const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      return { ...toInfo(key, sidecar), stream, ...(range ? { range } : {}) };
    }
  }

  async stat(key: string): Promise<StoredFileInfo> {
    assertValidKey(key);
    return toInfo(key, await this.readSidecar(key));
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.serialise(key, async () => {
      const sidecar = await this.readSidecar(key).catch((error: unknown) => {
        if (error instanceof HttpException && error.getStatus() === 404) return undefined;
        throw error;
      });
      if (!sidecar) return;
      try {
        await unlink(this.sidecarPath(key));
        await rm(join(this.blobRoot, sidecar.blob), { force: true });
        await this.pruneEmptyFolders(dirname(this.sidecarPath(key)));
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw this.failure(error, 'deleting');
      }
    });
  }

  async list(prefix: string, options?: ListOptions): Promise<FileList> {
    assertValidPrefix(prefix);
    const limit = resolveListLimit(options);
    const after = options?.cursor === undefined ? undefined : decodeCursor(options.cursor);

    // Only the folder that holds the prefix's complete segments can contain matches.
    const segments = prefix.split('/').slice(0, -1);
    const start = join(this.metaRoot, ...segments.map((segment) => segment + FOLDER_SUFFIX));
    const keys: string[] = [];
    try {
      await this.collectKeys(start, segments.length > 0 ? segments.join('/') + '/' : '', keys);
    } catch (error) {
      throw this.failure(error, 'listing');
    }
    const candidates = keys
      .filter((key) => key.startsWith(prefix) && (after === undefined || compareKeys(key, after) > 0))
      .sort(compareKeys);

    const items: FileListEntry[] = [];
    let index = 0;
    for (; index < candidates.length && items.length < limit; index++) {
      const key = candidates[index];
      const sidecar = await this.readSidecar(key).catch(() => undefined); // deleted since the walk
      if (sidecar)
        items.push({ key, size: sidecar.size, etag: sidecar.etag, lastModified: new Date(sidecar.lastModified) });
    }
    const more = index < candidates.length;
    return more ? { items, nextCursor: encodeCursor(candidates[index - 1]) } : { items };
  }

  async probe(timeoutMs: number): Promise<void> {
    const check = async () => {
      await this.ensureFolders();
      const probe = join(this.tmpRoot, `probe-${randomUUID()}`);
      await writeFile(probe, 'ok');
      await unlink(probe);
    };
    await withTimeout(check(), timeoutMs, `writing to ${this.root}`);
  }

  private ensureFolders(): Promise<void> {
    this.folders ??= Promise.all(
      [this.metaRoot, this.blobRoot, this.tmpRoot].map((folder) => mkdir(folder, { recursive: true })),
    ).then(
      () => undefined,
      (error: unknown) => {
        this.folders = undefined; // retry next time: the disk may come back
        throw this.failure(error, 'creating folders in');
      },
    );
    return this.folders;
  }

  private sidecarPath(key: string): string {
    const segments = key.split('/');
    const last = segments.pop() as string;
    return join(this.metaRoot, ...segments.map((segment) => segment + FOLDER_SUFFIX), last + FILE_SUFFIX);
  }

  private async readSidecar(key: string): Promise<Sidecar> {
    let text: string;
    try {
      text = await readFile(this.sidecarPath(key), 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) throw fileNotFound(key);
      throw this.failure(error, 'reading');
    }
    try {
      return JSON.parse(text) as Sidecar;
    } catch (error) {
      throw this.failure(error, `reading the metadata of "${key}" in`);
    }
  }

  /** Points `key` at the new blob with one rename, then removes the blob it replaced. */
  private commit(key: string, sidecar: Sidecar): Promise<void> {
    return this.serialise(key, async () => {
      const target = this.sidecarPath(key);
      const previous = await this.readSidecar(key).catch(() => undefined);
      const staged = join(this.tmpRoot, `${sidecar.blob}${FILE_SUFFIX}`);
      await writeFile(staged, JSON.stringify(sidecar), { flag: 'wx' });
      try {
        // A concurrent delete may prune the folder between mkdir and rename: create it again and retry.
        for (let attempt = 1; ; attempt++) {
          await mkdir(dirname(target), { recursive: true });
          try {
            await rename(staged, target);
            break;
          } catch (error) {
            if (!isCode(error, 'ENOENT') || attempt >= 3) throw error;
          }
        }
      } catch (error) {
        await rm(staged, { force: true });
        throw error;
      }
      if (previous) await rm(join(this.blobRoot, previous.blob), { force: true });
    });
  }

  private async serialise<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.commits.get(key) ?? Promise.resolve();
    const current = before.catch(() => undefined).then(work);
    this.commits.set(key, current);
    try {
      return await current;
    } finally {
      if (this.commits.get(key) === current) this.commits.delete(key);
    }
  }

  private async pruneEmptyFolders(folder: string): Promise<void> {
    while (folder.startsWith(this.metaRoot + '/') || folder.startsWith(this.metaRoot + '\\')) {
      try {
        await rmdir(folder);
      } catch {
        return; // not empty (or already gone): stop
      }
      folder = dirname(folder);
    }
  }

  private async collectKeys(folder: string, keyPrefix: string, keys: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name.endsWith(FOLDER_SUFFIX)) {
        const segment = entry.name.slice(0, -FOLDER_SUFFIX.length);
        await this.collectKeys(join(folder, entry.name), `${keyPrefix}${segment}/`, keys);
      } else if (entry.isFile() && entry.name.endsWith(FILE_SUFFIX)) {
        keys.push(keyPrefix + entry.name.slice(0, -FILE_SUFFIX.length));
      }
    }
  }

  private failure(error: unknown, doing: string): Error {
    if (error instanceof HttpException) return error;
    const code = (error as NodeJS.ErrnoException)?.code;
    return storageUnavailable(`${doing} ${this.root} failed${code ? ` (${code})` : ''}`, error);
  }
}

function toInfo(key: string, sidecar: Sidecar): StoredFileInfo {
  return {
    key,
    size: sidecar.size,
    contentType: sidecar.contentType,
    etag: sidecar.etag,
    lastModified: new Date(sidecar.lastModified),
  };
}

/** S3 lists keys in UTF-8 byte order; JavaScript compares UTF-16 code units, which differs above U+FFFF. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (cursor === '' || encodeCursor(key) !== cursor) throw new BadRequestException('invalid list cursor');
  return key;
}
