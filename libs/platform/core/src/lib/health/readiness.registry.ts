import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

/** A readiness check: resolves with a terminus result, or throws/returns `down` when the dependency is not usable. */
export type ReadinessCheck = () => Promise<HealthIndicatorResult>;

/** Adapters (database, cache, storage …) register what `/health/ready` must check. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is registered twice`);
    this.checks.set(name, check);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
