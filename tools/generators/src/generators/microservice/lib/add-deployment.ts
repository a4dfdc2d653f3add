import { generateFiles, joinPathFragments, names, readProjectConfiguration, Tree } from '@nx/devkit';
import { join } from 'node:path';
import { LOCAL_REGISTRY } from '../../../plugins/service-targets';
import type { Accessibility } from '../schema';

/**
 * Deployment of a service: its Dockerfile and its Kubernetes manifests (deploy/k8s/services/<name>). Its
 * `docker-build`, `docker-push` and `deploy` targets are inferred from the Dockerfile by the service-targets plugin
 * (src/plugins/service-targets.ts), not written into project.json. The shared manifests (base, overlays) are created with the first
 * service; the lists in them that name every service are kept in sync here and in `removeDeployment`.
 */
export const K8S_ROOT = 'deploy/k8s';
/** Namespace of the system and the value of `app.kubernetes.io/part-of` on its pods (the NetworkPolicies use it). */
export const SYSTEM = 'microservices';
/** The edge: the only service with an Ingress, reachable only from the ingress controller. */
export const EDGE_SERVICE = 'gateway';
/** Production overlay's default registry: the ACR of deploy/terraform (its `acr_login_server` output). */
export const PRODUCTION_REGISTRY = 'msbootstrap.azurecr.io';

const SERVICES_LIST = `${K8S_ROOT}/services/kustomization.yaml`;
const CONFIG_MAP = `${K8S_ROOT}/base/config.yaml`;
const PRODUCTION_KUSTOMIZATION = `${K8S_ROOT}/overlays/production/kustomization.yaml`;
const DATASTORE_PORTS = { database: [5432], cache: [6379, 6380], fileStorage: [443, 9000] };
/** AMQP, and AMQP over TLS (what managed brokers offer). */
export const BROKER_PORTS = [5672, 5671];
/** The edge's port for probes, metrics and internal docs (the gateway's MANAGEMENT_PORT default). */
export const EDGE_MANAGEMENT_PORT = 3090;
/**
 * Stands in a NetworkPolicy's ipBlock for the managed data stores' address range until an overlay replaces it with
 * platform-config's EXTERNAL_DATASTORES_CIDR (kustomize `replacements`); not a CIDR, so a forgotten replacement fails
 * validation.
 */
export const EXTERNAL_CIDR_PLACEHOLDER = 'EXTERNAL_DATASTORES_CIDR';
/** Project tag of services that publish or consume events (@ms/platform-messaging): they get AMQP_URL and the broker. */
export const MESSAGING_TAG = 'messaging:events';

export interface DeploymentOptions {
  name: string;
  appRoot: string;
  accessibility: Accessibility;
  port: number;
  database: boolean;
  fileStorage: boolean;
  cache: boolean;
  messaging: boolean;
}

interface EnvVariable {
  name: string;
  value?: string;
  secret?: string;
}

export function addDeployment(tree: Tree, options: DeploymentOptions): void {
  const { name, appRoot } = options;
  const variables = deploymentVariables(options);
  if (!tree.exists(joinPathFragments(K8S_ROOT, 'base/kustomization.yaml'))) {
    generateFiles(tree, join(__dirname, '..', 'files', 'deployment', 'shared'), K8S_ROOT, variables);
  }
  generateFiles(tree, join(__dirname, '..', 'files', 'deployment', 'app'), appRoot, variables);
  const serviceDir = joinPathFragments(K8S_ROOT, 'services', name);
  generateFiles(tree, join(__dirname, '..', 'files', 'deployment', 'service'), serviceDir, variables);
  if (!options.database) tree.delete(joinPathFragments(serviceDir, 'migrate-job.yaml'));
  if (!variables.edge) tree.delete(joinPathFragments(serviceDir, 'ingress.yaml'));

  insertBeforeMarker(tree, SERVICES_LIST, '# <services>', [`- ${name}`]);
  insertBeforeMarker(tree, CONFIG_MAP, '# <service-urls>', [`${urlVariable(name)}: http://${name}:${options.port}`]);
  insertBeforeMarker(tree, PRODUCTION_KUSTOMIZATION, '# <images>', [
    `- name: ${LOCAL_REGISTRY}/${name}`,
    `  newName: ${PRODUCTION_REGISTRY}/${name}`,
  ]);
}

/** Undoes addDeployment (the app's own directory, with its Dockerfile, is deleted by the caller). */
export function removeDeployment(tree: Tree, name: string): void {
  tree.delete(joinPathFragments(K8S_ROOT, 'services', name));
  removeLines(tree, SERVICES_LIST, (line) => line.trim() === `- ${name}`);
  removeLines(tree, CONFIG_MAP, (line) => line.trim().startsWith(`${urlVariable(name)}:`));
  // an image entry is two lines: `- name: ms/<name>` and its `newName:`
  removeLines(tree, PRODUCTION_KUSTOMIZATION, (line, previous) =>
    [line, previous].some((text) => text?.trim() === `- name: ${LOCAL_REGISTRY}/${name}`),
  );
}

/** The options of an existing app, read from its project tags and its contracts descriptor. */
export function deploymentOptionsOf(tree: Tree, name: string): DeploymentOptions {
  const project = readProjectConfiguration(tree, name);
  const tags = project.tags ?? [];
  const accessibility = tags.find((tag) => tag.startsWith('access:'))?.slice('access:'.length) as
    Accessibility | undefined;
  if (!accessibility) throw new Error(`${name}: project has no access:<level> tag`);
  const descriptor = tree.read(`libs/contracts/${name}/src/lib/${name}.service.ts`, 'utf-8') ?? '';
  const port = Number(/defaultPort:\s*(\d+)/.exec(descriptor)?.[1]);
  if (!port) throw new Error(`${name}: no defaultPort in libs/contracts/${name}/src/lib/${name}.service.ts`);
  return {
    name,
    appRoot: project.root,
    accessibility,
    port,
    database: tags.includes('persistence:database'),
    fileStorage: tags.includes('persistence:file-storage'),
    cache: tags.includes('persistence:cache'),
    messaging: tags.includes(MESSAGING_TAG),
  };
}

function deploymentVariables(options: DeploymentOptions) {
  const env: EnvVariable[] = [
    { name: 'PORT', value: String(options.port) },
    { name: 'MS_STATE_DIR', value: '/tmp/ms-state' },
    { name: 'SERVICE_TOKEN_SECRET', secret: 'platform-secrets' },
  ];
  if (options.name === EDGE_SERVICE) env.push({ name: 'MANAGEMENT_PORT', value: String(EDGE_MANAGEMENT_PORT) });
  if (options.database) env.push({ name: 'DATABASE_URL', secret: `${options.name}-secrets` });
  if (options.cache) env.push({ name: 'REDIS_URL', secret: 'platform-secrets' });
  if (options.messaging) env.push({ name: 'AMQP_URL', secret: 'platform-secrets' });
  if (options.fileStorage) {
    env.push(
      { name: 'S3_ACCESS_KEY_ID', secret: 'platform-secrets' },
      { name: 'S3_SECRET_ACCESS_KEY', secret: 'platform-secrets' },
    );
  }
  const datastorePorts = [
    ...(options.database ? DATASTORE_PORTS.database : []),
    ...(options.cache ? DATASTORE_PORTS.cache : []),
    ...(options.fileStorage ? DATASTORE_PORTS.fileStorage : []),
  ];
  return {
    ...options,
    edge: options.name === EDGE_SERVICE,
    edgeService: EDGE_SERVICE,
    system: SYSTEM,
    namespace: SYSTEM,
    ingressNamespace: 'ingress-nginx',
    ingressControllerName: 'ingress-nginx',
    image: `${LOCAL_REGISTRY}/${options.name}:latest`,
    env,
    datastorePorts,
    brokerPorts: BROKER_PORTS,
    managementPort: EDGE_MANAGEMENT_PORT,
    externalCidrPlaceholder: EXTERNAL_CIDR_PLACEHOLDER,
    tmpl: '',
  };
}

function urlVariable(name: string): string {
  return `${names(name).constantName}_URL`;
}

function insertBeforeMarker(tree: Tree, file: string, marker: string, lines: string[]): void {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`${file} is missing: restore it from git (the generator maintains it)`);
  if (text.split('\n').some((line) => line.trim() === lines[0].trim())) return;
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`${file}: marker comment "${marker}" is missing`);
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const indent = text.slice(lineStart, index);
  const block = lines.map((line) => `${indent}${line}\n`).join('');
  tree.write(file, text.slice(0, lineStart) + block + text.slice(lineStart));
}

function removeLines(tree: Tree, file: string, drop: (line: string, previous?: string) => boolean): void {
  const text = tree.read(file, 'utf-8');
  if (text === null) return;
  const lines = text.split('\n');
  tree.write(file, lines.filter((line, index) => !drop(line, lines[index - 1])).join('\n'));
}
