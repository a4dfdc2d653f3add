import type { OpenAPIObject } from '@nestjs/swagger';
import { publicRoutes, type ServiceDescriptor } from '@ms/contracts-common';
import { edgePath } from '@ms/contracts-gateway';

const HTTP_VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
type Operation = Record<string, unknown> & { operationId?: string; tags?: string[] };
type Components = NonNullable<OpenAPIObject['components']>;

/** One service's public document, as its /docs-json served it. */
export interface ServiceDocument {
  readonly service: ServiceDescriptor;
  readonly document: OpenAPIObject;
}

export interface MergeInput {
  /** The gateway's own public document (its BFF routes, already at their edge paths). */
  readonly own: ServiceDocument;
  /** The public documents of the services the edge fronts. */
  readonly services: readonly ServiceDocument[];
  /** Services whose document could not be fetched; named in the description. */
  readonly unavailable: readonly string[];
}

/**
 * The public API of the whole system as one OpenAPI document: every service's public operations at their edge path
 * (`/api/<service><path>`), plus the gateway's own routes. An operation is kept only if the service's route table
 * lists it as public (the edge's own truth; a document cannot widen what is forwarded). Component names get the
 * service as prefix (`product-search.ProductDto`) so two services may both have a `UserDto`; every `$ref` follows.
 */
export function mergePublicDocuments(input: MergeInput): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  const components: Components = {};
  const included: string[] = [];

  const add = ({ service, document }: ServiceDocument, mapPath: (path: string) => string) => {
    const allowed = new Set(publicRoutes(service).map((route) => `${route.method} ${toOpenApiPath(route.path)}`));
    const prefix = `${service.name}.`;
    const renamed = renameRefs(document, prefix) as OpenAPIObject;
    for (const [path, item] of Object.entries(renamed.paths ?? {})) {
      const kept: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(item)) {
        if (!(HTTP_VERBS as readonly string[]).includes(key)) {
          kept[key] = value; // path-level parameters, summary …
          continue;
        }
        if (!allowed.has(`${key.toUpperCase()} ${path}`)) continue;
        const operation = { ...(value as Operation) };
        if (operation.operationId) operation.operationId = prefix + operation.operationId;
        operation.tags = [service.name];
        kept[key] = operation;
      }
      if (Object.keys(kept).some((key) => (HTTP_VERBS as readonly string[]).includes(key))) {
        paths[mapPath(path)] = kept as OpenAPIObject['paths'][string];
      }
    }
    for (const [section, entries] of Object.entries(renamed.components ?? {})) {
      if (!entries || typeof entries !== 'object') continue;
      const target = ((components as Record<string, Record<string, unknown>>)[section] ??= {});
      for (const [name, value] of Object.entries(entries as Record<string, unknown>)) {
        // Security schemes are referenced by name from `security`, not by $ref: shared, first definition wins.
        const key = section === 'securitySchemes' ? name : prefix + name;
        if (!(key in target)) target[key] = value;
      }
    }
    included.push(service.name);
  };

  add(input.own, (path) => path);
  for (const part of input.services) add(part, (path) => edgePath(part.service.name, path));

  const description = [
    "The public API of the system, as served by the gateway: each service's public routes at " +
      "`/api/<service>/…`, and the gateway's own routes for the storefront. Internal routes are never reachable here.",
    `Included: ${included.join(', ')}.`,
    ...(input.unavailable.length > 0
      ? [`Left out because they did not answer just now: ${input.unavailable.join(', ')}.`]
      : []),
  ].join('\n\n');

  return {
    openapi: input.own.document.openapi ?? '3.0.0',
    info: { title: 'Public API', version: input.own.document.info?.version ?? '1.0', description },
    tags: included.map((name) => ({ name })),
    paths,
    components: pruneUnreferenced(paths, components),
  };
}

/**
 * Only the components the kept operations use (transitively): a service's document also describes the bodies of its
 * internal handlers, and those have no place in the public API.
 */
function pruneUnreferenced(paths: OpenAPIObject['paths'], components: Components): Components {
  const sections = components as Record<string, Record<string, unknown>>;
  const used = new Set<string>();
  const pending = collectRefs(paths);
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    if (used.has(ref)) continue;
    used.add(ref);
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    const target = match ? sections[match[1]]?.[match[2]] : undefined;
    if (target) pending.push(...collectRefs(target));
  }
  const pruned: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(sections)) {
    const kept = Object.entries(entries).filter(
      ([name]) => section === 'securitySchemes' || used.has(`#/components/${section}/${name}`),
    );
    if (kept.length > 0) pruned[section] = Object.fromEntries(kept);
  }
  return pruned as Components;
}

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.push(item);
      else collectRefs(item, into);
    }
  }
  return into;
}

/** A route path in OpenAPI's template form: `:id` → `{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** A deep copy in which every local `$ref` (`#/components/<section>/<name>`) points at `<prefix><name>`. */
function renameRefs(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameRefs(item, prefix));
  if (!value || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string') {
      const match = /^#\/components\/([^/]+)\/(.+)$/.exec(item);
      copy[key] = match && match[1] !== 'securitySchemes' ? `#/components/${match[1]}/${prefix}${match[2]}` : item;
    } else {
      copy[key] = renameRefs(item, prefix);
    }
  }
  return copy;
}
