import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { FastifyInstance } from 'fastify';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { provideConfig, ReadinessRegistry, SERVICE_DESCRIPTOR, SERVICE_ENV, type Environment } from '@ms/platform-core';
import { FileStorage } from './file-storage';
import { FileStorageBackend } from './file-storage-backend';
import { FileStorageConfig, FileStorageSettings, resolveFileStorageConfig } from './file-storage.config';
import { DEFAULT_UPLOAD_CONTENT_TYPES, registerUploadContentTypes } from './http/upload';
import { LocalFileStorage } from './local/local-file-storage';

export interface FileStorageModuleOptions {
  /**
   * Request content types handed to handlers as raw streams for storeRequestBody (exact types or `type/*`).
   * Default `application/octet-stream` and `image/*`.
   */
  readonly uploadContentTypes?: readonly string[];
}

/** Name of the check in `/health/ready`. */
export const FILE_STORAGE_READINESS_CHECK = 'file-storage';
/** How long the readiness check waits for the backend. */
export const READINESS_TIMEOUT_MS = 2_000;

const MODULE_OPTIONS = Symbol('FILE_STORAGE_MODULE_OPTIONS');
const CONFIG = Symbol('FILE_STORAGE_CONFIG');

/** The AWS SDK (tens of MB resident) is loaded only by services that store on S3. */
async function createBackend(config: FileStorageConfig): Promise<FileStorageBackend> {
  if (config.backend === 'local') return new LocalFileStorage(config.root, config.defaultMaxBytes);
  const { S3FileStorage } = await import('./s3/s3-file-storage');
  return new S3FileStorage(config);
}

/** Registers the readiness check and the raw upload parsers once the application is assembled. */
@Injectable()
class FileStorageSetup implements OnModuleInit {
  private readonly logger = new Logger('FileStorage');

  constructor(
    private readonly backend: FileStorageBackend,
    private readonly readiness: ReadinessRegistry,
    private readonly httpAdapterHost: HttpAdapterHost,
    @Inject(MODULE_OPTIONS) private readonly options: FileStorageModuleOptions,
  ) {}

  onModuleInit(): void {
    this.readiness.register(FILE_STORAGE_READINESS_CHECK, () => this.check());
    const fastify = this.httpAdapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) registerUploadContentTypes(fastify, this.options.uploadContentTypes ?? DEFAULT_UPLOAD_CONTENT_TYPES);
    this.logger.log(`files are stored in ${this.backend.location} (${this.backend.kind})`);
  }

  private async check(): Promise<HealthIndicatorResult> {
    const { kind } = this.backend;
    try {
      await this.backend.probe(READINESS_TIMEOUT_MS);
      return { [FILE_STORAGE_READINESS_CHECK]: { status: 'up', backend: kind } };
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      return { [FILE_STORAGE_READINESS_CHECK]: { status: 'down', backend: kind, message } };
    }
  }
}

/**
 * File storage for a service: `imports: [FileStorageModule.forRoot()]`, then inject `FileStorage`. The local disk
 * by default, S3 when `S3_BUCKET` is set. Adds the `file-storage` readiness check and raw-body upload parsers.
 */
@Module({})
export class FileStorageModule {
  static forRoot(options: FileStorageModuleOptions = {}): DynamicModule {
    return {
      module: FileStorageModule,
      global: true,
      providers: [
        { provide: MODULE_OPTIONS, useValue: options },
        provideConfig(FileStorageSettings),
        {
          provide: CONFIG,
          // FILE_STORAGE_*, S3_* from the environment the service was built with.
          inject: [SERVICE_DESCRIPTOR, SERVICE_ENV, FileStorageSettings],
          useFactory: (service: ServiceDescriptor, env: Environment, settings: FileStorageSettings) =>
            resolveFileStorageConfig(env, service.name, settings),
        },
        { provide: FileStorageBackend, inject: [CONFIG], useFactory: createBackend },
        { provide: FileStorage, useExisting: FileStorageBackend },
        FileStorageSetup,
      ],
      exports: [FileStorage],
    };
  }
}
