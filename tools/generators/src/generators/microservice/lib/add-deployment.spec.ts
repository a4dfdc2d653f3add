import { addProjectConfiguration, readProjectConfiguration, Tree, updateProjectConfiguration } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addDeployment, deploymentOptionsOf, removeDeployment, type DeploymentOptions } from './add-deployment';

/** Renders an overlay of the tree's deploy/k8s with the real `kubectl kustomize` (no cluster needed). */
function kustomize(tree: Tree, overlay: string): string {
  const root = mkdtempSync(join(tmpdir(), 'ms-k8s-'));
  try {
    const visit = (path: string) => {
      if (tree.isFile(path)) {
        mkdirSync(join(root, dirname(path)), { recursive: true });
        writeFileSync(join(root, path), tree.read(path) as Buffer);
      } else for (const child of tree.children(path)) visit(`${path}/${child}`);
    };
    visit('deploy');
    return execFileSync('kubectl', ['kustomize', join(root, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const service = (
  name: string,
  accessibility: DeploymentOptions['accessibility'],
  port: number,
  database = false,
): DeploymentOptions => ({
  name,
  appRoot: `apps/${name}`,
  accessibility,
  port,
  database,
  fileStorage: false,
  cache: false,
  messaging: false,
});
const egressPorts = (yaml: string) =>
  [...yaml.slice(yaml.indexOf('egress:')).matchAll(/- port: (\d+)/g)].map((match) => Number(match[1]));

describe('addDeployment', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    for (const name of ['gateway', 'billing', 'catalog']) {
      addProjectConfiguration(tree, name, { root: `apps/${name}`, projectType: 'application', targets: {} });
    }
    addDeployment(tree, service('gateway', 'public', 3000));
    addDeployment(tree, service('billing', 'internal', 3101, true));
    addDeployment(tree, service('catalog', 'public', 3102));
  });

  it('creates the shared manifests with the first service, then a directory and a Dockerfile per service', () => {
    for (const file of [
      'base/kustomization.yaml',
      'base/network-policy-default-deny.yaml',
      'overlays/local/kustomization.yaml',
      'overlays/production/kustomization.yaml',
    ]) {
      expect(tree.exists(`deploy/k8s/${file}`)).toBe(true);
    }
    expect(tree.children('deploy/k8s/services/billing').sort()).toEqual([
      'deployment.yaml',
      'hpa.yaml',
      'kustomization.yaml',
      'migrate-job.yaml',
      'network-policy.yaml',
      'service.yaml',
    ]);
    expect(tree.exists('deploy/k8s/services/catalog/migrate-job.yaml')).toBe(false);
    expect(tree.exists('deploy/k8s/services/catalog/ingress.yaml')).toBe(false);
    expect(tree.exists('deploy/k8s/services/gateway/ingress.yaml')).toBe(true);
    const dockerfile = tree.read('apps/billing/Dockerfile', 'utf-8');
    expect(dockerfile).toContain('EXPOSE 3101');
    // Built and run on Node 24 LTS: node:24, then node:24-slim.
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=24\n/m);
    expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim AS runtime$/m);
    // HEALTHCHECK on the service's port, but on the edge's management port (its public port answers 404 there).
    expect(dockerfile).toContain("(process.env.PORT || 3101) + '/health/live'");
    const edge = tree.read('apps/gateway/Dockerfile', 'utf-8');
    expect(edge).toMatch(/^ {4}MANAGEMENT_PORT=3090 \\$/m);
    expect(edge).toContain("(process.env.MANAGEMENT_PORT || 3090) + '/health/live'");
    expect(dockerfile).not.toContain('MANAGEMENT_PORT');
    // docker-build, docker-push and deploy are inferred from the Dockerfile (plugins/service-targets), not written
    expect(readProjectConfiguration(tree, 'billing').targets).toEqual({});
    expect(tree.read('deploy/k8s/base/config.yaml', 'utf-8')).toContain('BILLING_URL: http://billing:3101\n');
  });

  it('derives the NetworkPolicy from the accessibility level', () => {
    const policy = (name: string) => tree.read(`deploy/k8s/services/${name}/network-policy.yaml`, 'utf-8') ?? '';
    expect(policy('billing')).not.toContain('app.kubernetes.io/name: gateway');
    expect(policy('catalog')).toContain('app.kubernetes.io/name: gateway');
    expect(policy('gateway')).toContain('kubernetes.io/metadata.name: ingress-nginx');
    for (const name of ['billing', 'catalog', 'gateway']) {
      // Outside the cluster, only the data stores' range an overlay fills in; every egress rule names destinations.
      expect(policy(name).match(/cidr: .*/g) ?? []).toEqual(
        (policy(name).match(/cidr: .*/g) ?? []).map(() => 'cidr: EXTERNAL_DATASTORES_CIDR'),
      );
      expect(policy(name)).not.toMatch(/^ {4}- ports:/m);
    }
  });

  it('gives a messaging service AMQP_URL from platform-secrets and the broker ports (AMQP, AMQPS), and no one else', () => {
    addProjectConfiguration(tree, 'notifier', { root: 'apps/notifier', projectType: 'application', targets: {} });
    addDeployment(tree, { ...service('notifier', 'internal', 3103, true), messaging: true });
    const deployment = tree.read('deploy/k8s/services/notifier/deployment.yaml', 'utf-8') ?? '';
    expect(deployment).toContain(
      ['- name: AMQP_URL', '  valueFrom:', '    secretKeyRef:', '      name: platform-secrets', '      key: AMQP_URL']
        .map((line) => `            ${line}\n`)
        .join(''),
    );
    expect(egressPorts(tree.read('deploy/k8s/services/notifier/network-policy.yaml', 'utf-8') ?? '')).toEqual([
      53, 53, 5432, 5672, 5671,
    ]);

    expect(tree.read('deploy/k8s/services/billing/deployment.yaml', 'utf-8')).not.toContain('AMQP_URL');
    expect(egressPorts(tree.read('deploy/k8s/services/billing/network-policy.yaml', 'utf-8') ?? '')).toEqual([
      53, 53, 5432,
    ]);
    expect(kustomize(tree, 'local')).toContain('key: AMQP_URL');
  });

  it('reads the options of an existing app from its tags, messaging from messaging:events', () => {
    const tags = ['type:app', 'access:hybrid', 'persistence:database', 'persistence:cache', 'messaging:events'];
    addProjectConfiguration(tree, 'notifier', { root: 'apps/notifier', projectType: 'application', tags });
    tree.write(
      'libs/contracts/notifier/src/lib/notifier.service.ts',
      `export const NOTIFIER_SERVICE = { name: 'notifier', defaultPort: 3107 };`,
    );
    expect(deploymentOptionsOf(tree, 'notifier')).toEqual({
      name: 'notifier',
      appRoot: 'apps/notifier',
      accessibility: 'hybrid',
      port: 3107,
      database: true,
      fileStorage: false,
      cache: true,
      messaging: true,
    });
    const untagged = readProjectConfiguration(tree, 'notifier');
    untagged.tags = tags.filter((tag) => tag !== 'messaging:events');
    updateProjectConfiguration(tree, 'notifier', untagged);
    expect(deploymentOptionsOf(tree, 'notifier').messaging).toBe(false);
  });

  it('is idempotent', () => {
    const before = tree.listChanges().map((change) => [change.path, change.content?.toString()]);
    addDeployment(tree, service('billing', 'internal', 3101, true));
    expect(tree.listChanges().map((change) => [change.path, change.content?.toString()])).toEqual(before);
  });

  it('renders with kubectl kustomize in every overlay, and removeDeployment takes the service out again', () => {
    for (const overlay of ['local', 'production']) {
      const yaml = kustomize(tree, overlay);
      expect(yaml).toContain('name: billing-migrate');
      expect(yaml).toContain('kind: Ingress');
    }
    expect(kustomize(tree, 'production')).toContain('image: msbootstrap.azurecr.io/billing:latest');

    removeDeployment(tree, 'billing');
    expect(tree.exists('deploy/k8s/services/billing')).toBe(false);
    for (const file of ['services/kustomization.yaml', 'base/config.yaml', 'overlays/production/kustomization.yaml']) {
      expect(tree.read(`deploy/k8s/${file}`, 'utf-8')).not.toContain('billing');
    }
    for (const overlay of ['local', 'production']) {
      const yaml = kustomize(tree, overlay);
      expect(yaml).not.toContain('billing');
      expect(yaml).toContain('name: catalog');
    }
  });
});
