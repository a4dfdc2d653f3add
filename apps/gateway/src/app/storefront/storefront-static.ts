import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Where the storefront's files are: `STOREFRONT_DIR` when set, else next to the built `main.js` (webpack's `assets`
 * option copies `src/assets` there), else in the sources (tests and ts runs).
 */
export function storefrontDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env['STOREFRONT_DIR'],
    join(__dirname, 'assets', 'storefront'),
    join(__dirname, '..', '..', 'assets', 'storefront'),
  ].filter((dir): dir is string => !!dir);
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`gateway: storefront files not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The storefront at `/`: static HTML, CSS and one external script (no inline code, so the platform's CSP holds).
 * One route per file, found at start-up; everything else stays a 404 in the platform's shape.
 */
@Injectable()
export class StorefrontStatic implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(fastifyStatic, {
      root: storefrontDir(),
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
