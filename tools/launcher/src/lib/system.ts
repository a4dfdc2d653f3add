import { resolve } from 'node:path';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { SERVICES } from '@ms/contracts-registry';
import { embeddedPostgresDir, startEmbeddedPostgres, type EmbeddedPostgres } from '@ms/platform-database';
import { startServiceProcess, type ServiceProcess } from './service-process';

export interface StartSystemOptions {
  readonly workspaceRoot: string;
  /** Local state (embedded PostgreSQL, files, dev key, logs). Default `$MS_STATE_DIR`, else `<workspaceRoot>/.data`. */
  readonly stateDir?: string;
  /** Environment given to every service on top of this process's (DATABASE_URL, REDIS_URL, S3_* …). */
  readonly env?: NodeJS.ProcessEnv;
  /** Called as each step finishes, for progress output. */
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly readyTimeoutMs?: number;
  /** Work to finish before the services start (the build), done while the database starts. */
  readonly beforeServices?: Promise<unknown>;
}

export type ProgressEvent =
  | { kind: 'database'; detail: string }
  /** Something the person at the terminal should know (e.g. as root, where the database's data had to go). */
  | { kind: 'notice'; detail: string }
  | { kind: 'messaging'; detail: string }
  | { kind: 'starting'; service: ServiceDescriptor }
  | { kind: 'ready'; service: ServiceDescriptor; url: string; ms: number };

export interface RunningSystem {
  readonly gatewayUrl: string;
  readonly services: readonly ServiceProcess[];
  readonly stateDir: string;
  /** Stops one service and starts it again from its (rebuilt) output; resolves once it is ready. */
  restart(name: string): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** The environment every service of a local system shares. */
export function serviceEnvironment(base: NodeJS.ProcessEnv, stateDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    MS_STATE_DIR: stateDir,
    NODE_ENV: base['NODE_ENV'] ?? 'development',
    // Locally every call reaches a service from the gateway on loopback: believe its X-Forwarded-For, so per-client
    // limits (user-management's login throttle) count shoppers, not the gateway.
    TRUSTED_PROXIES: base['TRUSTED_PROXIES'] ?? '127.0.0.1,::1',
  };
  delete env['PORT']; // each service uses its own default port
  return env;
}

/**
 * What `npm start` runs, and what the system end-to-end tests start: the shared embedded PostgreSQL (unless
 * DATABASE_URL is set), then every service in the registry from its build output, each waited for until ready.
 */
export async function startSystem(options: StartSystemOptions): Promise<RunningSystem> {
  const base = { ...process.env, ...options.env };
  const stateDir = resolve(options.stateDir ?? base['MS_STATE_DIR'] ?? resolve(options.workspaceRoot, '.data'));
  const progress = options.onProgress ?? (() => undefined);

  // The database starts while the build (if any) runs; a failure of either stops what the other started.
  const [databaseStart, built] = await Promise.allSettled([
    base['DATABASE_URL'] ? undefined : startDatabase(base, stateDir),
    options.beforeServices,
  ]);
  const database = databaseStart.status === 'fulfilled' ? databaseStart.value : undefined;
  if (databaseStart.status === 'rejected' || built.status === 'rejected') {
    await database?.stop();
    throw databaseStart.status === 'rejected' ? databaseStart.reason : (built as PromiseRejectedResult).reason;
  }
  if (database) {
    progress({
      kind: 'database',
      detail: `embedded PostgreSQL on 127.0.0.1:${database.port} (data in ${database.dataDir})`,
    });
    if (database.notice) progress({ kind: 'notice', detail: database.notice });
  } else {
    progress({ kind: 'database', detail: 'PostgreSQL from DATABASE_URL' });
  }

  progress({ kind: 'messaging', detail: messagingDescription(base) });

  // Services join the embedded cluster themselves (same MS_STATE_DIR and port); DATABASE_URL stays unset for them.
  const env = serviceEnvironment(base, stateDir);
  const logDir = resolve(stateDir, 'logs');
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const running = new Map<string, ServiceProcess>();
  const launch = async (service: ServiceDescriptor) => {
    progress({ kind: 'starting', service });
    const started = Date.now();
    const process = startServiceProcess(options.workspaceRoot, service, env, logDir);
    running.set(service.name, process);
    await process.ready(readyTimeoutMs);
    progress({ kind: 'ready', service, url: process.url, ms: Date.now() - started });
    return process;
  };
  const stop = async () => {
    await Promise.all([...running.values()].map((process) => process.stop()));
    await database?.stop();
  };
  try {
    // Every service at once, the gateway too: none needs another to start (the gateway answers 503 for a service that
    // is not up yet). `launch` registers each process as it spawns it, so one failure stops them all.
    await Promise.all(SERVICES.map(launch));
  } catch (error) {
    await stop();
    throw error;
  }
  const restart = async (name: string) => {
    const current = running.get(name);
    if (!current) throw new Error(`no service named ${name} in this system`);
    await current.stop();
    return launch(current.service);
  };
  const gateway = running.get('gateway') ?? [...running.values()][0];
  return {
    gatewayUrl: gateway?.url ?? '',
    get services() {
      return [...running.values()];
    },
    stateDir,
    restart,
    stop,
  };
}

async function startDatabase(base: NodeJS.ProcessEnv, stateDir: string): Promise<EmbeddedPostgres> {
  const dir = embeddedPostgresDir({ ...base, MS_STATE_DIR: stateDir });
  return startEmbeddedPostgres({ dir, port: Number(base['EMBEDDED_PG_PORT'] ?? 54329) });
}

/** How events travel between the services, for the start-up report (never shows credentials). */
export function messagingDescription(env: NodeJS.ProcessEnv): string {
  const amqpUrl = env['AMQP_URL'];
  if (amqpUrl) {
    const url = new URL(amqpUrl);
    return `RabbitMQ at ${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''} (AMQP_URL)`;
  }
  return `PostgreSQL transport, database ${env['MESSAGING_DATABASE'] || 'ms_messaging'} next to the services' databases (set AMQP_URL for RabbitMQ)`;
}
