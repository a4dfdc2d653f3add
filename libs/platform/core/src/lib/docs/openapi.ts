import { Controller, Get, Injectable, SetMetadata } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiExcludeController, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PLATFORM_ERROR_CODES, type ServiceDescriptor } from '@ms/contracts-common';
import { ACCESS_EXTENSION, Internal, PLATFORM_CONTROLLER } from '../accessibility/access.decorators';

const HTTP_VERBS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Keeps only the operations whose `x-access` equals `access`; unmarked operations count as internal. */
export function filterDocument(document: OpenAPIObject, access: 'public' | 'internal', title: string): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const kept: Record<string, unknown> = { ...item };
    let any = false;
    for (const verb of HTTP_VERBS) {
      const operation = item[verb] as (Record<string, unknown> & { [ACCESS_EXTENSION]?: string }) | undefined;
      if (!operation) continue;
      if ((operation[ACCESS_EXTENSION] ?? 'internal') === access) any = true;
      else delete kept[verb];
    }
    if (any) paths[path] = kept as OpenAPIObject['paths'][string];
  }
  return { ...document, info: { ...document.info, title }, paths };
}

/** The schema of every error body, `components.schemas.ErrorBody` in every document. */
export const ERROR_BODY_SCHEMA: NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string] = {
  type: 'object',
  description: 'The one error shape every service answers. Match on `code`, never on `message`.',
  required: ['statusCode', 'code', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 404 },
    code: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$',
      example: 'NOT_FOUND',
      description:
        'Stable, machine-readable UPPER_SNAKE code. Without a more specific one, the status in UPPER_SNAKE ' +
        '(400 BAD_REQUEST, 404 NOT_FOUND, 409 CONFLICT, 500 INTERNAL_ERROR, 503 SERVICE_UNAVAILABLE …). ' +
        `The platform's own: ${Object.values(PLATFORM_ERROR_CODES).join(', ')}. ` +
        "A service's own codes are declared in its contracts.",
    },
    error: { type: 'string', example: 'Not Found', description: "The status's reason phrase." },
    message: { type: 'string', example: 'user 42 not found', description: 'For people; may change.' },
  },
};

function withErrorSchema(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  return {
    ...document,
    components: { ...components, schemas: { ...components.schemas, ErrorBody: ERROR_BODY_SCHEMA } },
  };
}

/**
 * The service's OpenAPI documents, generated on first request rather than at start (a service that is never asked
 * for its docs never builds them, and start-up leaves less garbage behind), then kept.
 */
@Injectable()
export class OpenApiDocuments {
  private full: (() => OpenAPIObject) | undefined;
  private cache: { full?: OpenAPIObject; internal?: OpenAPIObject; public?: OpenAPIObject } = {};
  private title = '';

  /** Called once the app is assembled: how to build the full document, and the service's name for the titles. */
  provide(title: string, build: () => OpenAPIObject): void {
    this.title = title;
    this.full = build;
    this.cache = {};
  }

  private fullDocument(): OpenAPIObject | undefined {
    if (!this.cache.full && this.full) this.cache.full = this.full();
    return this.cache.full;
  }

  get internal(): OpenAPIObject | undefined {
    const full = this.fullDocument();
    if (full && !this.cache.internal)
      this.cache.internal = filterDocument(full, 'internal', `${this.title} (internal)`);
    return this.cache.internal;
  }

  get public(): OpenAPIObject | undefined {
    const full = this.fullDocument();
    if (full && !this.cache.public) this.cache.public = filterDocument(full, 'public', this.title);
    return this.cache.public;
  }
}

@ApiExcludeController()
@SetMetadata(PLATFORM_CONTROLLER, true)
@Internal()
@Controller('internal')
export class InternalDocsController {
  constructor(private readonly documents: OpenApiDocuments) {}

  @Get('docs-json')
  internalDocs(): OpenAPIObject | undefined {
    return this.documents.internal;
  }
}

/** Public docs at `/docs` and `/docs-json` (unless turned off); internal ones at `/internal/docs-json` (token required). */
export function setUpOpenApi(app: INestApplication, service: ServiceDescriptor, publicDocs: boolean): void {
  const config = new DocumentBuilder()
    .setTitle(service.name)
    .setDescription(`${service.name} (${service.accessibility} service)`)
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const documents = app.get(OpenApiDocuments);
  documents.provide(service.name, () => withErrorSchema(SwaggerModule.createDocument(app, config)));
  if (!publicDocs) return;
  SwaggerModule.setup('docs', app, () => documents.public as OpenAPIObject, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
