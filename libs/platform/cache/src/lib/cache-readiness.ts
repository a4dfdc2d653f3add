import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { ReadinessRegistry } from '@ms/platform-core';
import type { CacheBackend } from './cache-backend';
import { CACHE_BACKEND } from './cache.tokens';

/**
 * Registers the `cache` readiness check. A degraded cache still reports `up`: the service keeps answering from its
 * source of truth, and marking every replica unready because a shared Redis is down would turn a slower service
 * into an outage. `degraded` and `reason` tell operators what is going on.
 */
@Injectable()
export class CacheReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(CACHE_BACKEND) private readonly backend: CacheBackend,
  ) {}

  onModuleInit(): void {
    this.readiness.register('cache', async (): Promise<HealthIndicatorResult> => {
      const status = await this.backend.check();
      return { cache: { status: 'up', ...status } };
    });
  }
}
