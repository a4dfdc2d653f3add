import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type EntitySchema } from 'typeorm';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { provideConfig, SERVICE_DESCRIPTOR, SERVICE_ENV, type Environment } from '@ms/platform-core';
import { describeDatabaseUrl } from '../connection/database-target';
import { initializeDataSource, resolveDatabase, runMigrations, type DatabaseDefinition } from '../data-source';
import { DatabaseSettings } from '../config/database-env';
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
    // One object used by both importers below, so Nest creates (and resolves the database) only once.
    const connection: DynamicModule = {
      module: DatabaseConnectionModule,
      providers: [
        provideConfig(DatabaseSettings),
        {
          provide: RESOLVED_DATABASE,
          // DATABASE_URL & co. come from the environment the service was built with (SERVICE_ENV).
          inject: [SERVICE_DESCRIPTOR, SERVICE_ENV, DatabaseSettings],
          useFactory: (service: ServiceDescriptor, env: Environment, settings: DatabaseSettings) =>
            resolveDatabase(
              {
                serviceName: service.name,
                entities: options.entities,
                migrations: options.migrations,
                libraryTables: options.libraryTables,
                env,
              },
              settings,
            ),
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
          useFactory: (resolved: Awaited<ReturnType<typeof resolveDatabase>>): TypeOrmModuleOptions => {
            const options: TypeOrmModuleOptions & { settings: DatabaseSettings } = {
              ...resolved.options,
              // Waiting for the database is ours (exponential backoff, bounded by DATABASE_CONNECT_TIMEOUT_MS).
              toRetry: () => false,
              // For dataSourceFactory below, which cannot inject: the settings read once (TypeORM ignores the key).
              settings: resolved.settings,
            };
            return options;
          },
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('DatabaseModule: TypeORM options missing');
            const { settings } = dataSourceOptions as unknown as { settings: DatabaseSettings };
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
