import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFileStorageConfig } from '../lib/file-storage.config';
import { S3FileStorage } from '../lib/s3/s3-file-storage';

/** A backend the behavioural suite runs against: the environment that selects it, and how to tear it down. */
export interface TestBackend {
  readonly name: 'local' | 's3';
  readonly env: Record<string, string>;
  /** For the local backend: the storage root, to check that nothing is left on disk. */
  readonly root?: string;
  close(): Promise<void>;
}

/** The local adapter in a fresh temporary folder. */
export async function startLocalBackend(): Promise<TestBackend> {
  const root = await mkdtemp(join(tmpdir(), 'file-storage-local-'));
  return {
    name: 'local',
    env: { FILE_STORAGE_DIR: root },
    root,
    close: () => rm(root, { recursive: true, force: true }),
  };
}

/** Credentials s3rver accepts (its built-in dummy account). */
const S3RVER_KEY = 'S3RVER';
const S3RVER_START_TIMEOUT_MS = 15_000;

/**
 * Starts s3rver in its own process on a random loopback port. A separate process, because s3rver signs list
 * continuation tokens with DES, which Node's OpenSSL 3 only offers with the legacy provider.
 */
async function startS3rver(directory: string): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      require.resolve('s3rver/bin/s3rver.js'),
      '-d',
      directory,
      '-a',
      '127.0.0.1',
      '-p',
      '0',
      '-s',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`s3rver did not start within ${S3RVER_START_TIMEOUT_MS} ms: ${output}`)),
        S3RVER_START_TIMEOUT_MS,
      );
      const onData = (data: Buffer) => {
        output += data.toString();
        const match = /listening on [\d.]+:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`s3rver exited with code ${code}: ${output}`));
      });
    });
    return { endpoint: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The S3 adapter against a real S3-compatible server. When S3_BUCKET is set in the environment (AWS, MinIO …) the
 * tests use it, under a unique S3_PREFIX per run, and remove what they stored; otherwise they start s3rver on a
 * random loopback port and create the bucket.
 */
export async function startS3Backend(): Promise<TestBackend> {
  const prefix = `file-storage-test-${randomUUID()}`;
  if (process.env['S3_BUCKET']) {
    const names = [
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_REGION',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
      'S3_FORCE_PATH_STYLE',
    ];
    const env = Object.fromEntries(
      names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])),
    );
    const testEnv = { ...env, S3_PREFIX: prefix };
    return { name: 's3', env: testEnv, close: () => deleteEverything(testEnv) };
  }

  const directory = await mkdtemp(join(tmpdir(), 'file-storage-s3rver-'));
  const server = await startS3rver(directory);
  const env = {
    S3_BUCKET: 'file-storage-test',
    S3_ENDPOINT: server.endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: S3RVER_KEY,
    S3_SECRET_ACCESS_KEY: S3RVER_KEY,
    S3_PREFIX: prefix,
  };
  const client = new S3Client({
    endpoint: server.endpoint,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: env.S3_BUCKET }), { abortSignal: AbortSignal.timeout(5_000) });
  } finally {
    client.destroy();
  }
  return {
    name: 's3',
    env,
    close: async () => {
      await server.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Removes what a run left under its prefix in a shared bucket. */
async function deleteEverything(env: Record<string, string>): Promise<void> {
  const config = resolveFileStorageConfig(env, 'test');
  if (config.backend !== 's3') return;
  const storage = new S3FileStorage(config);
  try {
    for (;;) {
      const page = await storage.list('', { limit: 1000 });
      for (const item of page.items) await storage.delete(item.key);
      if (!page.nextCursor) return;
    }
  } finally {
    storage.onApplicationShutdown();
  }
}
