import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createServiceApp } from '@ms/platform-core';
import { FILE_LIMIT_BYTES, FILE_SERVICE, fileServiceModule, IMAGE_LIMIT_BYTES } from '../test/file-service';
import { startLocalBackend, startS3Backend, TestBackend } from '../test/storage-backends';
import { FileStorage } from './file-storage';

const testEnv = () => ({ NODE_ENV: 'test', SERVICE_TOKEN_SECRET: 'test-secret-that-is-long-enough-0123456789' });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const url = (path: string, key: string) => `${path}?key=${encodeURIComponent(key)}`;

/** A body that arrives in chunks without a Content-Length, like a chunked upload. */
function chunked(data: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < data.length; offset += chunkSize) yield data.subarray(offset, offset + chunkSize);
    })(),
  );
}

describe.each([
  ['local disk', startLocalBackend],
  ['S3 (s3rver on loopback, or S3_BUCKET when set)', startS3Backend],
])('file storage on %s', (_name, startBackend) => {
  let backend: TestBackend;
  let app: NestFastifyApplication;
  let storage: FileStorage;

  beforeAll(async () => {
    backend = await startBackend();
    app = await createServiceApp(fileServiceModule(), FILE_SERVICE, { ...testEnv(), ...backend.env });
    storage = app.get(FileStorage);
  });

  afterAll(async () => {
    await app?.close();
    await backend?.close();
  });

  const upload = (key: string, payload: Buffer | Readable, contentType = 'application/octet-stream', path = '/files') =>
    app.inject({ method: 'PUT', url: url(path, key), payload, headers: { 'content-type': contentType } });
  const download = (key: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: url('/files', key), headers });

  /** Everything the backend holds besides `expected`: proves failed uploads leave nothing, not even temp files. */
  async function leftovers(): Promise<string[]> {
    const keys = (await storage.list('')).items.map((item) => item.key);
    if (backend.root) {
      for (const folder of ['tmp'])
        keys.push(...(await readdir(join(backend.root, folder))).map((name) => `${folder}/${name}`));
    }
    return keys;
  }

  it('stores an upload and sends back identical bytes with their content type and validators', async () => {
    const data = randomBytes(200 * 1024);
    const put = await upload('photos/cat.png', data, 'image/png');
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      key: 'photos/cat.png',
      size: data.length,
      contentType: 'image/png',
      etag: expect.stringMatching(/^"[^"]+"$/),
      lastModified: expect.any(String),
    });

    const res = await download('photos/cat.png');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(data.length));
    expect(res.headers['etag']).toBe(put.json().etag);
    expect(new Date(res.headers['last-modified'] as string).toUTCString()).toBe(res.headers['last-modified']);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  it('streams a large upload without Content-Length (multipart on S3) and returns it intact', async () => {
    const data = randomBytes(12 * 1024 * 1024 + 123);
    const put = await upload('big/blob.bin', chunked(data));
    expect(put.statusCode).toBe(200);
    expect(put.json().size).toBe(data.length);

    const res = await download('big/blob.bin');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(data.length);
    expect(sha256(res.rawPayload)).toBe(sha256(data));
    await storage.delete('big/blob.bin');
  }, 60_000); // 12 MB in and out: Jest's 5 s default is a speed bar, and speed is not what this test checks

  it('replaces a file, changing its ETag', async () => {
    const first = await upload('docs/readme.txt', Buffer.from('first version'));
    const second = await upload('docs/readme.txt', Buffer.from('second version'), 'application/octet-stream');
    expect(second.json().etag).not.toBe(first.json().etag);
    expect((await download('docs/readme.txt')).body).toBe('second version');
  });

  describe('byte ranges', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    beforeAll(async () => {
      expect((await upload('ranges/data.bin', data)).statusCode).toBe(200);
    });

    it.each([
      ['bytes=100-199', 100, 199],
      ['bytes=990-', 990, 999],
      ['bytes=-50', 950, 999],
      ['bytes=900-5000', 900, 999],
      ['bytes=0-0', 0, 0],
    ])('answers Range %s with 206 and that slice', async (range, start, end) => {
      const res = await download('ranges/data.bin', { range });
      expect(res.statusCode).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.rawPayload.equals(data.subarray(start, end + 1))).toBe(true);
    });

    it('answers a range past the end with 416 and the size', async () => {
      const res = await download('ranges/data.bin', { range: 'bytes=1000-' });
      expect(res.statusCode).toBe(416);
      expect(res.headers['content-range']).toBe('bytes */1000');
      expect(res.json()).toEqual({
        statusCode: 416,
        code: 'RANGE_NOT_SATISFIABLE',
        error: 'Range Not Satisfiable',
        message: expect.stringContaining('1000 bytes'),
      });
    });

    it('ignores a malformed or multiple range and sends the whole file', async () => {
      for (const range of ['bytes=5-1', 'items=0-1', 'bytes=0-1,5-6']) {
        const res = await download('ranges/data.bin', { range });
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.equals(data)).toBe(true);
      }
    });

    it('sends the whole file when If-Range names another version', async () => {
      const { etag } = await storage.stat('ranges/data.bin');
      const same = await download('ranges/data.bin', { range: 'bytes=0-9', 'if-range': etag });
      expect(same.statusCode).toBe(206);
      const other = await download('ranges/data.bin', { range: 'bytes=0-9', 'if-range': '"another-version"' });
      expect(other.statusCode).toBe(200);
      expect(other.rawPayload.length).toBe(1000);
    });

    it('reads ranges through the storage API too', async () => {
      const file = await storage.get('ranges/data.bin', { range: { suffixLength: 10 } });
      expect(file.range).toEqual({ start: 990, end: 999 });
      expect(file.size).toBe(1000);
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(data.subarray(990))).toBe(true);
    });
  });

  describe('conditional requests', () => {
    it('answers a matching If-None-Match with 304 and no body', async () => {
      const put = await upload('cond/a.txt', Buffer.from('hello'));
      const { etag } = put.json();
      const res = await download('cond/a.txt', { 'if-none-match': etag });
      expect(res.statusCode).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers['etag']).toBe(etag);

      const listed = await download('cond/a.txt', { 'if-none-match': `"other", W/${etag}` });
      expect(listed.statusCode).toBe(304);
      const stale = await download('cond/a.txt', { 'if-none-match': '"other"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe('hello');
    });

    it('answers HEAD with the headers and no body', async () => {
      const res = await app.inject({ method: 'HEAD', url: url('/files', 'cond/a.txt') });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-length']).toBe('5');
      expect(res.headers['etag']).toBe((await storage.stat('cond/a.txt')).etag);
      expect(res.body).toBe('');
    });

    it('answers If-Modified-Since with 304 until the file changes', async () => {
      const res = await download('cond/a.txt');
      const since = res.headers['last-modified'] as string;
      expect((await download('cond/a.txt', { 'if-modified-since': since })).statusCode).toBe(304);
      const before = new Date(Date.parse(since) - 60_000).toUTCString();
      expect((await download('cond/a.txt', { 'if-modified-since': before })).statusCode).toBe(200);
    });
  });

  describe('keys', () => {
    it.each([
      ['../x', '".." segment'],
      ['a/../../etc/passwd', '".." segment'],
      ['/abs', 'absolute path'],
      ['C:/windows', 'absolute path'],
      // the platform refuses a NUL in the request target before the key is read
      ['a\u0000b', 'control character', 'MALFORMED_REQUEST_TARGET'],
      ['a\\b', 'backslash'],
      ['a//b', 'empty segment'],
      ['dir/', 'empty segment'],
      ['./a', '"." segment'],
      ['x'.repeat(513), 'longer than 512 bytes'],
      ['', 'missing or empty'],
    ])('rejects %j with 400 naming the problem, on upload and download', async (key, problem, code = 'BAD_REQUEST') => {
      for (const res of [await upload(key, Buffer.from('x')), await download(key)]) {
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
          statusCode: 400,
          code,
          error: 'Bad Request',
          message: expect.stringContaining(problem),
        });
      }
    });

    it('accepts keys with spaces, unicode and dots inside names', async () => {
      for (const key of ['a b/ünïcødé 📷.jpg', 'v1.2/..hidden', 'x'.repeat(200)]) {
        expect((await upload(key, Buffer.from(key))).statusCode).toBe(200);
        expect((await download(key)).body).toBe(key);
        await storage.delete(key);
      }
    });

    it('keeps "a" and "a/b" apart', async () => {
      await upload('nest', Buffer.from('file'));
      await upload('nest/child', Buffer.from('child'));
      expect((await download('nest')).body).toBe('file');
      expect((await download('nest/child')).body).toBe('child');
      await storage.delete('nest');
      await storage.delete('nest/child');
    });

    it('answers a missing file with 404', async () => {
      const res = await download('nowhere/nothing.txt');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        error: 'Not Found',
        message: 'file "nowhere/nothing.txt" not found',
      });
      await expect(storage.stat('nowhere/nothing.txt')).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('size limits', () => {
    it('answers an oversized upload with a declared length with 413 and stores nothing', async () => {
      const res = await upload('too/big-declared.bin', Buffer.alloc(FILE_LIMIT_BYTES + 1));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        error: 'Payload Too Large',
        message: `file is larger than the limit of ${FILE_LIMIT_BYTES} bytes`,
      });
      expect(await leftovers()).not.toContainEqual(expect.stringMatching(/^too\/|^tmp\//));
    });

    it('stops a streamed upload at the limit with 413 and stores nothing', async () => {
      const before = await leftovers();
      const res = await upload(
        'too/big-streamed.png',
        chunked(randomBytes(IMAGE_LIMIT_BYTES + 1), 4096),
        'image/png',
        '/images',
      );
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toBe(`file is larger than the limit of ${IMAGE_LIMIT_BYTES} bytes`);
      expect((await download('too/big-streamed.png')).statusCode).toBe(404);
      expect(await leftovers()).toEqual(before);
    });

    it('keeps the previous version when an oversized replacement is rejected', async () => {
      const original = randomBytes(1024);
      await upload('keep/me.png', original, 'image/png', '/images');
      const res = await upload(
        'keep/me.png',
        chunked(randomBytes(IMAGE_LIMIT_BYTES * 2), 8192),
        'image/png',
        '/images',
      );
      expect(res.statusCode).toBe(413);
      const after = await download('keep/me.png');
      expect(after.rawPayload.equals(original)).toBe(true);
    });

    it('accepts a file of exactly the limit', async () => {
      const res = await upload('edge/exact.png', chunked(randomBytes(IMAGE_LIMIT_BYTES), 1000), 'image/png', '/images');
      expect(res.statusCode).toBe(200);
      expect(res.json().size).toBe(IMAGE_LIMIT_BYTES);
    });

    it('enforces the limit in the storage API itself', async () => {
      await expect(
        storage.put('api/too-big.bin', chunked(randomBytes(5000), 100), { maxBytes: 4096 }),
      ).rejects.toMatchObject({
        status: 413,
      });
      await expect(storage.stat('api/too-big.bin')).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('content types', () => {
    it('refuses types the endpoint does not accept with 415', async () => {
      const res = await upload('img/doc.png', Buffer.from('x'), 'application/octet-stream', '/images');
      expect(res.statusCode).toBe(415);
      expect(res.json().message).toContain('image/png, image/jpeg, image/webp');
    });

    it('refuses a JSON body with 415 instead of storing it', async () => {
      const res = await app.inject({
        method: 'PUT',
        url: url('/files', 'json/a.json'),
        payload: { a: 1 },
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().message).toContain('raw request body');
    });

    it('stores application/octet-stream when no content type is given through the API', async () => {
      await storage.put('types/plain', Readable.from([Buffer.from('x')]));
      expect((await storage.stat('types/plain')).contentType).toBe('application/octet-stream');
    });

    it('refuses a malformed content type with 400', async () => {
      await expect(
        storage.put('types/bad', Readable.from([Buffer.from('x')]), { contentType: 'text/html\r\nx: y' }),
      ).rejects.toMatchObject({
        status: 400,
      });
    });
  });

  it('deletes a file; deleting it again still succeeds', async () => {
    await upload('trash/old.txt', Buffer.from('bye'));
    const del = await app.inject({ method: 'DELETE', url: url('/files', 'trash/old.txt') });
    expect(del.statusCode).toBe(204);
    expect((await download('trash/old.txt')).statusCode).toBe(404);
    const again = await app.inject({ method: 'DELETE', url: url('/files', 'trash/old.txt') });
    expect(again.statusCode).toBe(204);
  });

  it('lists by prefix in key order, page by page', async () => {
    const keys = ['list/e.txt', 'list/a.txt', 'list/sub/c.txt', 'list/b.txt', 'list/d.txt'];
    for (const key of keys) await upload(key, Buffer.from(key));
    await upload('listing-elsewhere.txt', Buffer.from('no'));
    await upload('lis', Buffer.from('no'));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await app.inject({
        method: 'GET',
        url: '/listing',
        query: { prefix: 'list/', limit: '2', ...(cursor ? { cursor } : {}) },
      });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) {
        expect(item).toEqual({
          key: expect.any(String),
          size: item.key.length,
          etag: expect.any(String),
          lastModified: expect.any(String),
        });
        seen.push(item.key);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...keys].sort());
    expect(pages).toBe(3);

    const partial = await storage.list('list/s');
    expect(partial.items.map((item) => item.key)).toEqual(['list/sub/c.txt']);
    expect(partial.nextCursor).toBeUndefined();
    expect((await storage.list('nothing-here/')).items).toEqual([]);
  });

  it('rejects bad list arguments with 400', async () => {
    await expect(storage.list('../')).rejects.toMatchObject({ status: 400 });
    await expect(storage.list('', { limit: 0 })).rejects.toMatchObject({ status: 400 });
  });

  it('reports itself ready', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.json().details['file-storage']).toEqual({ status: 'up', backend: backend.name });
    expect(res.statusCode).toBe(200);
    expect(res.json().info['file-storage']).toEqual({ status: 'up', backend: backend.name });
  });
});
