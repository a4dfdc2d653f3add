import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
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
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_DOCS_FETCH_TIMEOUT_MS = 1_500;
export const DEFAULT_DOCS_CACHE_MS = 10_000;
