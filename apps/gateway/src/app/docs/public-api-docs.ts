import { Inject, Injectable, OnModuleDestroy, type INestApplication } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Agent, request } from 'undici';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { filterDocument, SERVICE_DESCRIPTOR, SERVICE_ENV, serviceBaseUrl, type Environment } from '@ms/platform-core';
import { EdgeProxy } from '../edge/edge-proxy';
import { GatewayConfig } from '../edge/gateway-env';
import { mergePublicDocuments, type ServiceDocument } from './merge-documents';

/** A document missing a service is retried sooner than a complete one. */
const INCOMPLETE_CACHE_MS = 2_000;
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/**
 * The aggregated public OpenAPI document served at /docs-json: the gateway's own public routes plus the public
 * document of every service the edge fronts, fetched from its /docs-json with a short timeout and reused briefly.
 * A service that does not answer is left out and named in `info.description`; the document is never slower than
 * the fetch timeout.
 */
@Injectable()
export class PublicApiDocs implements OnModuleDestroy {
  private readonly fetchTimeoutMs: number;
  private readonly cacheMs: number;
  private readonly agent: Agent;
  private ownDocument: OpenAPIObject | undefined;
  private cached: { built: Promise<{ document: OpenAPIObject; complete: boolean }>; expiresAt: number } | undefined;

  constructor(
    private readonly proxy: EdgeProxy,
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_DESCRIPTOR) private readonly self: ServiceDescriptor,
    @Inject(SERVICE_ENV) private readonly env: Environment,
    config: GatewayConfig,
  ) {
    this.fetchTimeoutMs = config.docsFetchTimeoutMs;
    this.cacheMs = config.docsCacheMs;
    this.agent = new Agent({
      connect: { timeout: this.fetchTimeoutMs },
      headersTimeout: this.fetchTimeoutMs,
      bodyTimeout: this.fetchTimeoutMs,
    });
  }

  async document(): Promise<OpenAPIObject> {
    let entry = this.cached;
    if (!entry || Date.now() >= entry.expiresAt) {
      const built = this.build();
      // Concurrent requests share one build; its lifetime is set once it is known whether it is complete.
      const fresh = { built, expiresAt: Number.POSITIVE_INFINITY };
      entry = this.cached = fresh;
      built.then(
        ({ complete }) => {
          fresh.expiresAt = Date.now() + (complete ? this.cacheMs : Math.min(this.cacheMs, INCOMPLETE_CACHE_MS));
        },
        () => {
          if (this.cached === fresh) this.cached = undefined;
        },
      );
    }
    return (await entry.built).document;
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  private async build(): Promise<{ document: OpenAPIObject; complete: boolean }> {
    const services = this.proxy.table.services();
    const fetched = await Promise.all(services.map((service) => this.fetchDocument(service)));
    const unavailable = services.filter((_, i) => fetched[i] === undefined).map((service) => service.name);
    const document = mergePublicDocuments({
      own: { service: this.self, document: this.own() },
      services: fetched.filter((part): part is ServiceDocument => part !== undefined),
      unavailable,
    });
    return { document, complete: unavailable.length === 0 };
  }

  private async fetchDocument(service: ServiceDescriptor): Promise<ServiceDocument | undefined> {
    try {
      const response = await request(`${serviceBaseUrl(service, this.env)}/docs-json`, {
        dispatcher: this.agent,
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.fetchTimeoutMs),
      });
      const length = Number(response.headers['content-length'] ?? 0);
      if (response.statusCode !== 200 || length > MAX_DOCUMENT_BYTES) {
        await response.body.dump();
        return undefined;
      }
      const document = (await response.body.json()) as OpenAPIObject;
      if (!document || typeof document !== 'object' || typeof document.paths !== 'object') return undefined;
      return { service, document };
    } catch {
      return undefined;
    }
  }

  /**
   * The gateway's own public document, scanned from its controllers like every service's (the platform serves it
   * only when a service keeps its own /docs; the gateway serves the aggregate there instead).
   */
  private own(): OpenAPIObject {
    if (!this.ownDocument) {
      const config = new DocumentBuilder().setTitle(this.self.name).setVersion('1.0').addBearerAuth().build();
      // SwaggerModule scans an application's modules; these are the parts of one it reads.
      const application = {
        container: { getModules: () => this.modules, isGlobalModule: () => false },
        config: new ApplicationConfig(),
        getHttpAdapter: () => this.adapterHost.httpAdapter,
      } as unknown as INestApplication;
      this.ownDocument = filterDocument(SwaggerModule.createDocument(application, config), 'public', this.self.name);
    }
    return this.ownDocument;
  }
}
