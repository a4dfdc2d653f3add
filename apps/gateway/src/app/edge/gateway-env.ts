import { Global, Module } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { asInt, Env, provideConfig } from '@ms/platform-core';

/**
 * The gateway's own variables (on top of every service's, see the README), read once at start: inject
 * `GatewayConfig` anywhere (GatewayConfigModule, imported once by the AppModule, is global).
 */
export class GatewayConfig {
  /** Longest wait for a forwarded request's response headers, and between two chunks of its body. */
  @Env('UPSTREAM_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  readonly upstreamTimeoutMs: number = 10_000;

  /** Connections the edge keeps open to one service at most. */
  @Env('UPSTREAM_CONNECTIONS', asInt)
  @IsInt()
  @Min(1)
  @Max(4_096)
  readonly upstreamConnections: number = 128;

  /** Requests to one service that may wait for a free connection; beyond that the edge answers 503 at once. */
  @Env('UPSTREAM_QUEUE_LIMIT', asInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  readonly upstreamQueueLimit: number = 128;

  /**
   * Peers whose `X-Forwarded-For` the edge extends (the ingress): comma-separated addresses and CIDRs. From anyone
   * else the header is replaced by the peer's own address.
   */
  @Env('TRUSTED_PROXIES')
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Fa-f.:/, ]*$/, { message: '$property must be comma-separated IP addresses or CIDRs' })
  readonly trustedProxies?: string;

  /** Port of the operational endpoints (/health/*, /metrics, /internal/*), which the public port never serves. */
  @Env('MANAGEMENT_PORT', asInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  readonly managementPort: number = 3090;

  /** Longest wait for one service's /docs-json when building the aggregated document. */
  @Env('DOCS_FETCH_TIMEOUT_MS', asInt)
  @IsInt()
  @Min(100)
  @Max(30_000)
  readonly docsFetchTimeoutMs: number = 1_500;

  /** How long the aggregated document is reused before the services are asked again. */
  @Env('DOCS_CACHE_MS', asInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  readonly docsCacheMs: number = 10_000;

  /** Checkouts one user may attempt per window (every order reserves stock until paid or released). */
  @Env('CHECKOUTS_PER_USER', asInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  readonly checkoutsPerUser: number = 10;

  @Env('CHECKOUT_WINDOW_SECONDS', asInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  readonly checkoutWindowSeconds: number = 600;

  /** Where the storefront's files are; unset → found next to `main.js` or in the storefront's build output. */
  @Env('STOREFRONT_DIR')
  @IsOptional()
  @IsString()
  readonly storefrontDir?: string;
}

/** Opening a connection to a service never waits longer than this (nor than UPSTREAM_TIMEOUT_MS). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;

/** Reads GatewayConfig once for every feature module of the gateway. */
@Global()
@Module({ providers: [provideConfig(GatewayConfig)], exports: [GatewayConfig] })
export class GatewayConfigModule {}
