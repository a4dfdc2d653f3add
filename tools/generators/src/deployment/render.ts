import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { serviceManifests, serviceUrls, type K8sObject } from './manifests';
import {
  adaptersFromTags,
  K8S_OUTPUT,
  K8S_SOURCE,
  LABEL,
  PLATFORM_CONFIG,
  REGISTRY_SOURCE,
  TAG,
  type DescribedService,
  type ServiceDeployment,
} from './rules';

/**
 * Rendering: deploy/k8s holds what every environment shares (base) and what differs per environment (overlays); the
 * services' own objects are derived from their descriptors (manifests.ts) into a kustomize component, `services/`,
 * next to copies of base and overlays in an output directory (dist/deploy/k8s). `kubectl kustomize` of an overlay
 * there is the whole system for that environment; `kubectl apply -k dist/deploy/k8s/overlays/<overlay>` applies it.
 */

/** Every service of the registry with the adapters its project tags declare. */
export function deploymentsOf(workspaceRoot: string, descriptors: readonly DescribedService[]): ServiceDeployment[] {
  return descriptors.map((descriptor) => {
    const file = join(workspaceRoot, 'apps', descriptor.name, 'project.json');
    if (!existsSync(file))
      throw new Error(`${descriptor.name}: in the registry, but apps/${descriptor.name}/project.json is missing`);
    const tags: string[] = JSON.parse(readFileSync(file, 'utf8')).tags ?? [];
    if (!tags.includes(TAG.app))
      throw new Error(`${descriptor.name}: apps/${descriptor.name}/project.json lacks the ${TAG.app} tag`);
    return { descriptor, adapters: adaptersFromTags(tags) };
  });
}

/**
 * The registry's descriptors, loaded from their TypeScript source: the CLI runs under @swc-node/register, jest under
 * ts-jest. Loaded by path, not imported, so that this buildable project does not depend on the contracts at build time.
 */
export function loadDescriptors(workspaceRoot: string): DescribedService[] {
  const registry = require(join(workspaceRoot, REGISTRY_SOURCE)) as { SERVICES?: DescribedService[] };
  if (!Array.isArray(registry.SERVICES)) throw new Error(`${REGISTRY_SOURCE} exports no SERVICES list`);
  return registry.SERVICES;
}

export const loadDeployments = (workspaceRoot: string) => deploymentsOf(workspaceRoot, loadDescriptors(workspaceRoot));

export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject;
    })
    .filter((object) => object !== null && object !== undefined);
}

export function toYaml(objects: readonly unknown[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}

const GENERATED = '# Generated from the service descriptors by tools/generators/src/deployment; do not edit.\n';

/** The services component: each service's objects in <service>.yaml, and the service URLs merged into platform-config. */
export function servicesComponent(services: readonly ServiceDeployment[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const service of services)
    files[`${service.descriptor.name}.yaml`] = GENERATED + toYaml(serviceManifests(service));
  const component = {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    resources: services.map((service) => `${service.descriptor.name}.yaml`),
    patches: [
      {
        patch: stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: PLATFORM_CONFIG },
          data: serviceUrls(services),
        }),
      },
    ],
  };
  files['kustomization.yaml'] = GENERATED + stringify(component, { lineWidth: 0 });
  return files;
}

/**
 * Writes the kustomize tree (base and overlays copied from deploy/k8s, services generated) to `outDir`, replacing
 * what was there in one rename, so that a concurrent render never reads half a tree.
 */
export function writeKustomizeTree(
  workspaceRoot: string,
  services: readonly ServiceDeployment[],
  outDir: string,
): string {
  const source = join(workspaceRoot, K8S_SOURCE);
  mkdirSync(dirname(outDir), { recursive: true });
  const staging = mkdtempSync(`${outDir}.tmp-`);
  for (const entry of readdirSync(source)) cpSync(join(source, entry), join(staging, entry), { recursive: true });
  mkdirSync(join(staging, 'services'));
  for (const [file, text] of Object.entries(servicesComponent(services)))
    writeFileSync(join(staging, 'services', file), text);
  const previous = `${staging}.old`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
  return outDir;
}

export function overlays(workspaceRoot: string): string[] {
  const dir = join(workspaceRoot, K8S_SOURCE, 'overlays');
  return readdirSync(dir).filter((entry) => existsSync(join(dir, entry, 'kustomization.yaml')));
}

/** `kubectl kustomize` of one overlay of a tree written by writeKustomizeTree (offline: no cluster needed). */
export function kustomize(tree: string, overlay: string): K8sObject[] {
  const dir = join(tree, 'overlays', overlay);
  if (!existsSync(join(dir, 'kustomization.yaml'))) {
    const known = readdirSync(join(tree, 'overlays')).join(', ');
    throw new Error(`unknown overlay "${overlay}" (have: ${known})`);
  }
  return parseObjects(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

const labelOf = (object: unknown, label: string = LABEL.name): string | undefined =>
  (object as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels?.[label];

/**
 * The objects one app's deploy applies: its own (label app.kubernetes.io/name=<app>) and the shared ones (namespace,
 * config, default-deny, data stores of the local overlay), never another service's.
 */
export function selectApp(objects: K8sObject[], app: string): K8sObject[] {
  const services = new Set(objects.filter((o) => labelOf(o, LABEL.component) === 'service').map((o) => labelOf(o)));
  if (!services.has(app))
    throw new Error(`no manifests for "${app}" in the overlay (services: ${[...services].join(', ')})`);
  return objects.filter((object) => labelOf(object) === app || !services.has(labelOf(object)));
}

export interface ImagePin {
  tag?: string;
  registry?: string;
}

type WithContainers = { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } };
export const containersOf = (object: unknown) => (object as WithContainers).spec?.template?.spec?.containers ?? [];

/** Pins the app's image (Deployment and migration Job) to [registry/]<app>:tag. */
export function pinImage(objects: K8sObject[], app: string, { tag, registry }: ImagePin = {}): K8sObject[] {
  for (const object of objects) {
    if (labelOf(object) !== app) continue;
    for (const container of containersOf(object)) {
      const image = String(container.image);
      const at = image.lastIndexOf(':') > image.lastIndexOf('/') ? image.lastIndexOf(':') : image.length;
      const repository = registry ? `${registry.replace(/\/+$/, '')}/${app}` : image.slice(0, at);
      container.image = `${repository}:${tag || image.slice(at + 1) || 'latest'}`;
    }
  }
  return objects;
}

export interface RenderOptions extends ImagePin {
  /** Only this app's objects and the shared ones. */
  app?: string;
  /** Where the kustomize tree is written (default dist/deploy/k8s of the workspace). */
  outDir?: string;
}

/** Renders an overlay: the kustomize tree written, then built; optionally one app's objects with its image pinned. */
export function render(
  workspaceRoot: string,
  services: readonly ServiceDeployment[],
  overlay: string,
  { app, tag, registry, outDir = join(workspaceRoot, K8S_OUTPUT) }: RenderOptions = {},
): K8sObject[] {
  const objects = kustomize(writeKustomizeTree(workspaceRoot, services, outDir), overlay);
  return app ? pinImage(selectApp(objects, app), app, { tag, registry }) : objects;
}
