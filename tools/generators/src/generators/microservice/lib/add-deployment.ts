import { generateFiles, joinPathFragments, readProjectConfiguration, Tree } from '@nx/devkit';
import { join } from 'node:path';
import { EDGE, K8S_SOURCE, LOCAL_REGISTRY, PRODUCTION_REGISTRY, SYSTEM, TAG } from '../../../deployment/rules';

/**
 * Deployment of a service. Nothing of it is written per service: its image comes from the root Dockerfile (build
 * arg APP), its Kubernetes objects are derived at render time from its descriptor and project tags
 * (src/deployment), and its `docker-build`, `docker-push`, `prune` and `deploy` targets are inferred from its
 * `type:app` tag (src/plugins/service-targets). What is written here: the shared manifests (deploy/k8s base and
 * overlays) with the first service, and the production overlay's image entry of each service (its registry is an
 * installation setting of that overlay), removed again by `removeDeployment`.
 */
export const K8S_ROOT = K8S_SOURCE;
/** Project tag of services that publish or consume events (@ms/platform-messaging): they get AMQP_URL and the broker. */
export const MESSAGING_TAG = TAG.messaging;

const PRODUCTION_KUSTOMIZATION = `${K8S_ROOT}/overlays/production/kustomization.yaml`;
const IMAGES_MARKER = '# <images>';

export interface DeploymentOptions {
  name: string;
}

export function addDeployment(tree: Tree, { name }: DeploymentOptions): void {
  if (!tree.exists(joinPathFragments(K8S_ROOT, 'base/kustomization.yaml'))) {
    generateFiles(tree, join(__dirname, '..', 'files', 'deployment', 'shared'), K8S_ROOT, {
      system: SYSTEM,
      namespace: SYSTEM,
      edgeService: EDGE,
      tmpl: '',
    });
  }
  insertBeforeMarker(tree, PRODUCTION_KUSTOMIZATION, IMAGES_MARKER, [
    `- name: ${LOCAL_REGISTRY}/${name}`,
    `  newName: ${PRODUCTION_REGISTRY}/${name}`,
  ]);
}

/** Undoes addDeployment (the app's own directory is deleted by the caller). */
export function removeDeployment(tree: Tree, name: string): void {
  // an image entry is two lines: `- name: ms/<name>` and its `newName:`
  removeLines(tree, PRODUCTION_KUSTOMIZATION, (line, previous) =>
    [line, previous].some((text) => text?.trim() === `- name: ${LOCAL_REGISTRY}/${name}`),
  );
}

/** The deployment options of an existing service app (a project tagged type:app). */
export function deploymentOptionsOf(tree: Tree, name: string): DeploymentOptions {
  const tags = readProjectConfiguration(tree, name).tags ?? [];
  if (!tags.includes(TAG.app)) throw new Error(`${name}: not a service app (its project has no ${TAG.app} tag)`);
  return { name };
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
