import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PublicApiDocs } from './public-api-docs';

/** The files of swagger-ui-dist the docs page loads; nothing else of that folder is served. */
const SWAGGER_UI_FILES = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/swagger-ui-standalone-preset.js']);

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Public API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// An external script, so the page works under the platform's Content-Security-Policy without inline code.
const DOCS_INIT = `window.ui = SwaggerUIBundle({
  url: '/docs-json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

/** Where swagger-ui-dist is installed (the copy @nestjs/swagger uses), resolved at run time, not bundled. */
export function swaggerUiDir(): string {
  const nodeRequire = createRequire(__filename);
  const fromSwagger = createRequire(nodeRequire.resolve('@nestjs/swagger'));
  return dirname(fromSwagger.resolve('swagger-ui-dist/package.json'));
}

/**
 * `/docs-json`: the aggregated public OpenAPI document; `/docs`: Swagger UI for it. Plain Fastify routes, like the
 * platform's own docs, so they are not handlers of the gateway's API. The gateway therefore starts with
 * `{ publicDocs: false }`, which leaves these paths to it.
 */
@Injectable()
export class DocsRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly docs: PublicApiDocs,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasRoute({ method: 'GET', url: '/docs-json' })) {
      throw new Error('gateway: /docs-json is taken; start the gateway with { publicDocs: false } (see main.ts)');
    }
    fastify.get('/docs-json', async (_request, reply) => {
      const document = await this.docs.document();
      return reply.header('cache-control', 'no-cache').send(document);
    });
    fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(DOCS_PAGE));
    fastify.get('/docs/init.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(DOCS_INIT));
    void fastify.register(fastifyStatic, {
      root: swaggerUiDir(),
      prefix: '/docs/',
      decorateReply: false,
      index: false,
      allowedPath: (pathName) => SWAGGER_UI_FILES.has(pathName),
      maxAge: '1h',
    });
  }
}
