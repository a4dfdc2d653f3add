import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MIN_SECRET_LENGTH = 32;

export interface SecretSource {
  readonly secret: string;
  readonly origin: 'environment' | 'development-file';
}

/** Folder for state that local development shares between services (dev secret, embedded databases, files). */
export function localStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['MS_STATE_DIR'] ?? join(process.cwd(), '.data');
}

/**
 * The key that signs and verifies service tokens. Production must provide SERVICE_TOKEN_SECRET; in development the
 * services on one machine share a key generated once into the local state folder, so nothing needs configuring.
 */
export function resolveServiceTokenSecret(env: NodeJS.ProcessEnv = process.env): SecretSource {
  const fromEnv = env['SERVICE_TOKEN_SECRET'];
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`SERVICE_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return { secret: fromEnv, origin: 'environment' };
  }
  if (env['NODE_ENV'] === 'production') {
    throw new Error(
      'SERVICE_TOKEN_SECRET is not set: with NODE_ENV=production every service needs the shared service-token key ' +
        `(at least ${MIN_SECRET_LENGTH} characters, from a Secret). Refusing to start without it.`,
    );
  }
  return { secret: readOrCreateDevSecret(join(localStateDir(env), 'dev-service-token.secret')), origin: 'development-file' };
}

function readOrCreateDevSecret(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx' makes creation atomic: when several services start at once, one writes and the others read its key.
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
