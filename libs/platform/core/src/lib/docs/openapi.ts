import { Controller, Get, Injectable, SetMetadata } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiExcludeController, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ServiceDescriptor } from '@ms/contracts-common';
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

/** Holds the internal document so a guarded controller can serve it. */
@Injectable()
export class OpenApiDocuments {
  internal: OpenAPIObject | undefined;
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
  const full = SwaggerModule.createDocument(app, config);
  app.get(OpenApiDocuments).internal = filterDocument(full, 'internal', `${service.name} (internal)`);
  if (!publicDocs) return;
  SwaggerModule.setup('docs', app, filterDocument(full, 'public', service.name), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
