import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadinessRegistry } from '@ms/platform-core';
import { READINESS_TIMEOUT_MS } from '../config/database-env';
import type { DatabaseTarget } from '../connection/database-target';

/** Injection token of the resolved DatabaseTarget of the running service. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/**
 * Registers the `database` readiness check (`SELECT 1`, bounded by a short timeout: a lost database turns
 * /health/ready into 503 quickly) and, at shutdown, closes the pool before ending the use of the embedded cluster.
 */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    private readonly indicator: TypeOrmHealthIndicator,
  ) {}

  onModuleInit(): void {
    this.readiness.register('database', () =>
      this.indicator.pingCheck('database', { connection: this.dataSource, timeout: READINESS_TIMEOUT_MS }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.target.release();
  }
}
