import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { GatewayConfig } from '../edge/gateway-env';

/** The storefront's build output (apps/storefront, an Nx project of its own that the gateway's build depends on). */
const STOREFRONT_BUILD = join('dist', 'apps', 'storefront');

/**
 * Where the storefront's files are: `STOREFRONT_DIR` when set; else `storefront/` next to the built `main.js` (the
 * gateway's build copies it there, so its output and image are self-contained); else the storefront's own build
 * output, next to the gateway's in dist/apps (`nx build storefront`), from the built `main.js` or from the sources
 * (tests, ts runs). `codeDir` is where this code runs from: dist/apps/gateway once bundled, this folder in the sources.
 */
export function storefrontDir(configured: string | undefined, codeDir: string = __dirname): string {
  const candidates = [
    configured,
    join(codeDir, 'storefront'),
    join(codeDir, '..', 'storefront'),
    join(codeDir, '..', '..', '..', '..', '..', STOREFRONT_BUILD),
  ].filter((dir): dir is string => !!dir);
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) {
    throw new Error(
      `gateway: storefront files not found (looked in ${candidates.join(', ')}); build them: npx nx build storefront`,
    );
  }
  return found;
}

/**
 * The storefront at `/`: static HTML, CSS and one external script (no inline code, so the platform's CSP holds).
 * One route per file, found at start-up; everything else stays a 404 in the platform's shape.
 */
@Injectable()
export class StorefrontStatic implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(fastifyStatic, {
      root: storefrontDir(this.config.storefrontDir),
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      decorateReply: false,
      // Small files that change with each release: always revalidate (ETag), never serve stale code.
      cacheControl: true,
      maxAge: 0,
    });
  }
}
