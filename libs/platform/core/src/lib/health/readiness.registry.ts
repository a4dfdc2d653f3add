import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

/** A readiness check: resolves with a terminus result; throwing or hanging counts as `down`. */
export type ReadinessCheck = () => Promise<HealthIndicatorResult>;

/** A readiness probe must answer quickly even when a dependency hangs. */
export const READINESS_CHECK_TIMEOUT_MS = 3_000;

/** Adapters (database, cache, storage …) register what `/health/ready` must check. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is registered twice`);
    this.checks.set(name, check);
  }

  has(name: string): boolean {
    return this.checks.has(name);
  }

  /** Checks in terminus form; each is bounded in time and reports failures as `down` with a reason. */
  all(): ReadinessCheck[] {
    return [...this.checks.entries()].map(
      ([name, check]) =>
        () =>
          bounded(name, check),
    );
  }
}

async function bounded(name: string, check: ReadinessCheck): Promise<HealthIndicatorResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${READINESS_CHECK_TIMEOUT_MS} ms`)),
      READINESS_CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    return { [name]: { status: 'down', message: (error as Error)?.message ?? String(error) } };
  } finally {
    clearTimeout(timer);
  }
}
