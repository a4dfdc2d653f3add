import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { createServiceApp, loadConfig, SERVICE_TOKEN_HEADER } from '@ms/platform-core';
import { createTestDatabase, type TestDatabase } from '@ms/platform-database/testing';
import {
  isolatedMessagingEnv,
  Messaging,
  MessagingSettings,
  removeTestMessaging,
} from '@ms/platform-messaging/testing';

export interface TestServiceOptions {
  /** Give the service its own empty database (on DATABASE_URL's server, or the shared embedded cluster). */
  readonly database?: boolean;
  /** Extra environment for this service. */
  readonly env?: Record<string, string>;
}

export interface TestService {
  readonly app: NestFastifyApplication;
  /**
   * The environment the service reads: `process.env` with the test's values on top (DATABASE_URL, the isolated
   * MESSAGING_* names, …). Configs are read once at start; `<SERVICE>_URL` per call, so a test may repoint one.
   */
  readonly env: Record<string, string | undefined>;
  /** Headers that authenticate `caller` (default `test-caller`) to this service's internal handlers. */
  serviceTokenHeaders(caller?: string): Record<string, string>;
  /** Also remove this queue's messaging resources on close (event probes register theirs). */
  addMessagingQueue(queue: string): void;
  /** Closes the app, removes its messaging namespace, drops its database and files. */
  close(): Promise<void>;
}

/**
 * Builds a service exactly as production does (createServiceApp), on isolated real backends: a fresh database, a
 * fresh file-storage folder, the in-memory cache (unless DATABASE_URL / REDIS_URL / S3_* point elsewhere) and its own
 * messaging namespace (exchange and queue names on RabbitMQ when AMQP_URL is set, else a messaging database).
 * The service reads `process.env` (the machine's backends) with these on top; `process.env` itself is never changed.
 */
export async function startTestService(
  appModule: Type<unknown>,
  service: ServiceDescriptor,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const secret = randomBytes(32).toString('hex');
  const filesDir = await mkdtemp(join(tmpdir(), `${service.name}-files-`));
  const overrides: Record<string, string> = {
    NODE_ENV: 'test',
    SERVICE_TOKEN_SECRET: secret,
    FILE_STORAGE_DIR: filesDir,
    // The embedded cluster for tests lives outside the work tree (jest.preset.js sets MS_STATE_DIR for every test).
    MS_STATE_DIR: process.env['MS_STATE_DIR'] ?? join(tmpdir(), 'ms-test-state'),
    ...isolatedMessagingEnv(),
    ...options.env,
  };

  let database: TestDatabase | undefined;
  let app: NestFastifyApplication | undefined;
  const messagingQueues = new Set<string>();
  const env: Record<string, string | undefined> = { ...process.env, ...overrides };
  const cleanUp = async () => {
    const messaging = app ? messagingOf(app) : undefined;
    try {
      await app?.close();
      if (messaging) {
        const settings = loadConfig(MessagingSettings, env);
        await removeTestMessaging(settings, messaging.databaseUrl, [messaging.queue, ...messagingQueues]);
      }
    } finally {
      // Whatever failed above, the database and the files are still removed.
      await database?.drop();
      await rm(filesDir, { recursive: true, force: true });
    }
  };
  try {
    if (options.database) {
      database = await createTestDatabase(service.name);
      env['DATABASE_URL'] = database.url;
    }
    app = await createServiceApp(appModule, service, env);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await cleanUp();
    throw error;
  }

  const jwt = new JwtService({ secret });
  const started = app;
  return {
    app: started,
    env,
    addMessagingQueue: (queue) => void messagingQueues.add(queue),
    serviceTokenHeaders: (caller = 'test-caller') => ({
      [SERVICE_TOKEN_HEADER]: jwt.sign({}, { audience: service.name, issuer: caller, expiresIn: 60 }),
    }),
    close: cleanUp,
  };
}

/** The service's messaging queue and database URL, when it imports MessagingModule. */
function messagingOf(app: NestFastifyApplication): { queue: string; databaseUrl: string } | undefined {
  try {
    const messaging = app.get(Messaging, { strict: false });
    const dataSource = app.get<DataSource>(getDataSourceToken(), { strict: false });
    return { queue: messaging.queue, databaseUrl: (dataSource.options as { url: string }).url };
  } catch {
    return undefined; // no MessagingModule in this app
  }
}
