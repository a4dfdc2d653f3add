import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type EntitySchema } from 'typeorm';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { SERVICE_DESCRIPTOR } from '@ms/platform-core';
import { databaseSettings } from '../config/database-env';
import { describeDatabaseUrl } from '../connection/database-target';
import { initializeDataSource, resolveDatabase, runMigrations, type DatabaseDefinition } from '../data-source';
import { DATABASE_TARGET, DatabaseLifecycle } from '../health/database-lifecycle';
import { DatabaseUnavailableTranslation } from '../http/database-unavailable.translation';

const RESOLVED_DATABASE = Symbol('RESOLVED_DATABASE');

export interface DatabaseModuleOptions {
  /** Every entity of the service (the same list its migrations and schema check use). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's type for entity classes
  readonly entities: Function[] | EntitySchema[];
  /** The service's committed migration classes, oldest first. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's type for migration classes
  readonly migrations: Function[];
  /** Libraries whose tables live in this database too, e.g. `[MESSAGING_TABLES]` from @ms/platform-messaging. */
  readonly libraryTables?: DatabaseDefinition['libraryTables'];
  /** Environment to read DATABASE_URL & co. from; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Resolves the database (embedded or DATABASE_URL, created when it is the service's own) once per application. */
@Module({})
class DatabaseConnectionModule {}

/**
 * PostgreSQL through TypeORM for a service, in one import:
 *
 * ```ts
 * @Module({ imports: [DatabaseModule.forRoot({ entities: [Order], migrations: [CreateOrders1700000000000] }),
 *                    TypeOrmModule.forFeature([Order])] })
 * ```
 *
 * Then `@InjectRepository(Order)` as the NestJS docs show. Adds the `database` readiness check and answers 503
 * `database unavailable` to requests that fail because the database is down.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const env = () => options.env ?? process.env;
    // One object used by both importers below, so Nest creates (and resolves the database) only once.
    const connection: DynamicModule = {
      module: DatabaseConnectionModule,
      providers: [
        {
          provide: RESOLVED_DATABASE,
          inject: [SERVICE_DESCRIPTOR],
          useFactory: (service: ServiceDescriptor) =>
            resolveDatabase({
              serviceName: service.name,
              entities: options.entities,
              migrations: options.migrations,
              libraryTables: options.libraryTables,
              env: env(),
            }),
        },
        {
          provide: DATABASE_TARGET,
          inject: [RESOLVED_DATABASE],
          useFactory: (resolved: Awaited<ReturnType<typeof resolveDatabase>>) => resolved.target,
        },
      ],
      exports: [RESOLVED_DATABASE, DATABASE_TARGET],
    };

    return {
      module: DatabaseModule,
      imports: [
        connection,
        TerminusModule,
        TypeOrmModule.forRootAsync({
          imports: [connection],
          inject: [RESOLVED_DATABASE],
          useFactory: (resolved: Awaited<ReturnType<typeof resolveDatabase>>): TypeOrmModuleOptions => ({
            ...resolved.options,
            // Waiting for the database is ours (exponential backoff, bounded by DATABASE_CONNECT_TIMEOUT_MS).
            toRetry: () => false,
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('DatabaseModule: TypeORM options missing');
            const settings = databaseSettings(env());
            const url = (dataSourceOptions as { url?: string }).url ?? '';
            const dataSource = await initializeDataSource(
              new DataSource(dataSourceOptions),
              describeDatabaseUrl(url),
              settings.connectTimeoutMs,
            );
            if (settings.migrateOnStart) {
              await runMigrations(dataSource).catch(async (error: Error) => {
                await dataSource.destroy();
                throw new Error(`migrations failed on ${describeDatabaseUrl(url)}: ${error.message}`, { cause: error });
              });
            }
            return dataSource;
          },
        }),
      ],
      providers: [DatabaseLifecycle, DatabaseUnavailableTranslation],
    };
  }
}
