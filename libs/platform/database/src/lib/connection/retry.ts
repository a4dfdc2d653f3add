import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailableError } from './database-errors';

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;

/** The database could not be used at start-up. The message names host:port/database, never credentials. */
export class DatabaseConnectError extends Error {
  override readonly name = 'DatabaseConnectError';
}

/**
 * Runs `attempt` until it succeeds, retrying only "database unavailable" failures with exponential backoff
 * (100 ms, 200 ms, … capped at 5 s) for at most `timeoutMs` overall. A database that is merely slow to come up
 * (Kubernetes starts everything at once) is waited for; a wrong password fails at once.
 */
export async function retryWhileUnavailable<T>(
  description: string,
  timeoutMs: number,
  attempt: () => Promise<T>,
  logger = new Logger('Database'),
): Promise<T> {
  const startedAt = Date.now();
  let delay = FIRST_DELAY_MS;
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      if (!isDatabaseUnavailableError(error)) {
        throw new DatabaseConnectError(`database ${description} cannot be used: ${reason}`, { cause: error });
      }
      const elapsed = Date.now() - startedAt;
      if (elapsed + delay > timeoutMs) {
        throw new DatabaseConnectError(
          `database ${description} is unreachable after ${attempts} attempt(s) in ${elapsed} ms: ${reason} ` +
            '(DATABASE_CONNECT_TIMEOUT_MS bounds the wait)',
          { cause: error },
        );
      }
      logger.warn(`database ${description} not reachable yet (${reason}); retrying in ${delay} ms`);
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
