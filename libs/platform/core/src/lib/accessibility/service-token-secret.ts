import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Environment } from '../config/config';

export const MIN_SECRET_LENGTH = 32;

export interface SecretSource {
  readonly secret: string;
  readonly origin: 'environment' | 'development-file';
}

/** Folder for state that local development shares between services (dev secret, embedded databases, files). */
export function localStateDir(env: Environment): string {
  return env['MS_STATE_DIR'] ?? join(process.cwd(), '.data');
}

/** A signing key a service needs: where it comes from and what it is for (named in the error). */
export interface SecretSpec {
  /** Environment variable holding the key, e.g. `SERVICE_TOKEN_SECRET`. */
  readonly variable: string;
  /** File name of the shared development key inside the local state folder. */
  readonly devFileName: string;
  /** What the key is for, completing "with NODE_ENV=production …". */
  readonly purpose: string;
  readonly minLength?: number;
}

/**
 * A signing key from the environment. Production must provide it; in development the services on one machine share
 * a key generated once into the local state folder, so nothing needs configuring and tokens survive restarts.
 */
export function resolveSecret(spec: SecretSpec, env: Environment): SecretSource {
  const minLength = spec.minLength ?? MIN_SECRET_LENGTH;
  const fromEnv = env[spec.variable];
  if (fromEnv) {
    if (fromEnv.length < minLength) throw new Error(`${spec.variable} must be at least ${minLength} characters long`);
    return { secret: fromEnv, origin: 'environment' };
  }
  if (env['NODE_ENV'] === 'production') {
    throw new Error(
      `${spec.variable} is not set: with NODE_ENV=production ${spec.purpose} ` +
        `(at least ${minLength} characters, from a Secret). Refusing to start without it.`,
    );
  }
  return { secret: readOrCreateDevSecret(join(localStateDir(env), spec.devFileName)), origin: 'development-file' };
}

/** The key that signs and verifies service tokens (shared by every service of the system). */
export function resolveServiceTokenSecret(env: Environment): SecretSource {
  return resolveSecret(
    {
      variable: 'SERVICE_TOKEN_SECRET',
      devFileName: 'dev-service-token.secret',
      purpose: 'every service needs the shared service-token key',
    },
    env,
  );
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
