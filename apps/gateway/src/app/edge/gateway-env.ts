import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { envInt } from '@ms/platform-core';

/** The gateway's own settings (on top of every service's, see the README). */
export class GatewayEnv {
  /** Longest wait for a forwarded request's response headers, and between two chunks of its body. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  UPSTREAM_TIMEOUT_MS?: number;

  /** Connections the edge keeps open to one service at most. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(4_096)
  UPSTREAM_CONNECTIONS?: number;

  /** Requests to one service that may wait for a free connection; beyond that the edge answers 503 at once. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  UPSTREAM_QUEUE_LIMIT?: number;

  /**
   * Peers whose `X-Forwarded-For` the edge extends (the ingress): comma-separated addresses and CIDRs. From anyone
   * else the header is replaced by the peer's own address.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Fa-f.:/, ]*$/, { message: 'TRUSTED_PROXIES must be comma-separated IP addresses or CIDRs' })
  TRUSTED_PROXIES?: string;

  /** Port of the operational endpoints (/health/*, /metrics, /internal/*), which the public port never serves. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  MANAGEMENT_PORT?: number;

  /** Longest wait for one service's /docs-json when building the aggregated document. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(100)
  @Max(30_000)
  DOCS_FETCH_TIMEOUT_MS?: number;

  /** How long the aggregated document is reused before the services are asked again. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DOCS_CACHE_MS?: number;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;
export const DEFAULT_UPSTREAM_CONNECTIONS = 128;
export const DEFAULT_UPSTREAM_QUEUE_LIMIT = 128;
export const DEFAULT_MANAGEMENT_PORT = 3090;
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_DOCS_FETCH_TIMEOUT_MS = 1_500;
export const DEFAULT_DOCS_CACHE_MS = 10_000;
