import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceApp } from '@ms/platform-core';
import { FILE_SERVICE, fileServiceModule, IMAGE_LIMIT_BYTES } from '../test/file-service';

const testEnv = () => ({ NODE_ENV: 'test', SERVICE_TOKEN_SECRET: 'test-secret-that-is-long-enough-0123456789' });
const s3Env = (endpoint: string) => ({
  S3_BUCKET: 'unreachable',
  S3_ENDPOINT: endpoint,
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'secret',
  S3_TIMEOUT_MS: '500',
});

/** A TCP server that accepts connections and never answers: the worst kind of broken backend. */
async function startSilentServer(): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('S3 that accepts connections but never answers', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    silent = await startSilentServer();
    app = await createServiceApp(fileServiceModule(), FILE_SERVICE, { ...testEnv(), ...s3Env(silent.endpoint) });
  });
  afterAll(async () => {
    await app?.close();
    await silent?.close();
  });

  it('answers downloads, deletes and listings with 503 after the call timeout instead of hanging', async () => {
    for (const [method, url] of [
      ['GET', '/files?key=a.txt'],
      ['DELETE', '/files?key=a.txt'],
      ['GET', '/listing?prefix=a'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: 'Service Unavailable',
        message: expect.stringContaining('did not answer within 500 ms'),
      });
    }
  });

  it('reports file-storage down in /health/ready', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error['file-storage']).toEqual({
      status: 'down',
      backend: 's3',
      message: expect.stringContaining('did not answer within 2000 ms'),
    });
  });
});

describe('S3 that refuses connections', () => {
  it('answers with 503 and reports itself down', async () => {
    const port = await closedPort();
    const app = await createServiceApp(fileServiceModule(), FILE_SERVICE, {
      ...testEnv(),
      ...s3Env(`http://127.0.0.1:${port}`),
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/files?key=a.txt' });
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toMatch(/^file storage unavailable: download of "a.txt": S3 failed/);
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error['file-storage'].status).toBe('down');
    } finally {
      await app.close();
    }
  });
});

describe('local storage in a folder that cannot be created', () => {
  let parent: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'file-storage-broken-'));
    await writeFile(join(parent, 'not-a-folder'), 'x');
    // Below a regular file: mkdir fails with ENOTDIR, even for root.
    app = await createServiceApp(fileServiceModule(), FILE_SERVICE, {
      ...testEnv(),
      FILE_STORAGE_DIR: join(parent, 'not-a-folder', 'files'),
    });
  });
  afterAll(async () => {
    await app?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('reports file-storage down and answers uploads with 503', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error['file-storage']).toEqual({
      status: 'down',
      backend: 'local',
      message: expect.stringContaining('ENOTDIR'),
    });
    const res = await app.inject({
      method: 'PUT',
      url: '/files?key=a.bin',
      payload: Buffer.from('x'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toContain('file storage unavailable');
  });
});

describe('configuration errors stop start-up with the variable named', () => {
  it.each([
    [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'S3_ENDPOINT is set but S3_BUCKET is not'],
    [
      { S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'only-the-id' },
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together',
    ],
    [{ S3_BUCKET: 'Not_A_Bucket' }, 'S3_BUCKET must be a valid bucket name'],
    [{ S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE must be true or false'],
    [{ FILE_STORAGE_MAX_BYTES: 'lots' }, 'FILE_STORAGE_MAX_BYTES must be an integer'],
  ])('%j', async (env, message) => {
    await expect(createServiceApp(fileServiceModule(), FILE_SERVICE, { ...testEnv(), ...env })).rejects.toThrow(
      message,
    );
  });
});

describe('uploads over a real connection', () => {
  let root: string;
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'file-storage-http-'));
    app = await createServiceApp(fileServiceModule(), FILE_SERVICE, { ...testEnv(), FILE_STORAGE_DIR: root });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Streams `size` bytes in chunks without Content-Length and resolves with the response, even an early one. */
  function streamUpload(key: string, size: number) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/images?key=${encodeURIComponent(key)}`,
        headers: { 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      // Writes may fail once the server has answered and closed: the response is what matters.
      req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
      let sent = 0;
      const writeMore = () => {
        while (sent < size) {
          const chunk = randomBytes(Math.min(16 * 1024, size - sent));
          sent += chunk.length;
          if (req.destroyed) return;
          if (!req.write(chunk)) return void req.once('drain', writeMore);
        }
        req.end();
      };
      writeMore();
    });
  }

  it('answers an oversized streamed upload with 413 and closes the connection', async () => {
    const res = await streamUpload('http/too-big.png', IMAGE_LIMIT_BYTES * 8);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      error: 'Payload Too Large',
      message: `file is larger than the limit of ${IMAGE_LIMIT_BYTES} bytes`,
    });
    expect(res.headers['connection']).toBe('close');
  });

  it('keeps serving: an upload within the limit then succeeds', async () => {
    const res = await streamUpload('http/fine.png', 1000);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ key: 'http/fine.png', size: 1000, contentType: 'image/png' });
  });
});
