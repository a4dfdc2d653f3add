import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadinessRegistry } from '@ms/platform-core';
import { READINESS_TIMEOUT_MS } from '../config/database-env';
import type { DatabaseTarget } from '../connection/database-target';
import { pendingMigrations } from '../migrations/pending-migrations';

/** Injection token of the resolved DatabaseTarget of the running service. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/**
 * Registers the `database` readiness check (`SELECT 1`, bounded by a short timeout: a lost database turns
 * /health/ready into 503 quickly; then: are all of the service's migrations applied? — a schema that is behind
 * would answer every query with 500, so the instance is not ready and the pending migrations are named) and, at
 * shutdown, closes the pool before ending the use of the embedded cluster.
 */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    private readonly indicator: TypeOrmHealthIndicator,
  ) {}

  /** Migrations are never taken back: once all are applied, readiness stops asking. */
  private schemaCurrent = false;

  onModuleInit(): void {
    this.readiness.register('database', async () => {
      const ping = await this.indicator.pingCheck('database', {
        connection: this.dataSource,
        timeout: READINESS_TIMEOUT_MS,
      });
      if (this.schemaCurrent || ping['database']?.status !== 'up') return ping;
      const pending = await pendingMigrations(this.dataSource);
      if (pending.length === 0) {
        this.schemaCurrent = true;
        return ping;
      }
      return {
        database: { status: 'down', message: `migrations not applied: ${pending.join(', ')}`, pending },
      };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.target.release();
  }
}
