import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createClient } from '@keyv/redis';

/** Set to run the suites against a real Redis (e.g. redis://127.0.0.1:6379); unset uses the in-memory cache. */
export const REDIS_URL = process.env['REDIS_URL'] || undefined;

/** A namespace no other test run uses, so suites can share one Redis concurrently. */
export const uniqueNamespace = (label: string) => `cache-spec-${label}-${randomUUID().slice(0, 8)}`;

/** A raw client to look at what the adapter stored and to clean up afterwards. */
export async function openRawRedis(url: string) {
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export async function deleteNamespace(client: Awaited<ReturnType<typeof openRawRedis>>, namespace: string) {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 500 })) keys.push(...batch);
  if (keys.length > 0) await client.del(keys);
  return keys.length;
}

/** A local port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves with `promise`'s outcome, or rejects when it takes longer than `ms` (the point is "no hang"). */
export async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` until it holds or `ms` pass. */
export async function waitFor(condition: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A TCP proxy in front of a real Redis that a test can stop (connections drop, nothing listens), start again on the
 * same port, or pause (bytes are held, as with a stalled server) and resume.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private paused = false;
  private readonly held: Array<() => void> = [];
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const flush of this.held.splice(0)) flush();
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    const forward = (to: net.Socket) => (chunk: Buffer) => {
      const write = () => to.write(chunk);
      if (this.paused) this.held.push(write);
      else write();
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
  }
}
