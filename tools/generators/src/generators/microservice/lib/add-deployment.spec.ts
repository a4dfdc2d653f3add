import { addProjectConfiguration, Tree, workspaceRoot } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, EDGE_SERVICE, SERVICES } from '../../../deployment/fixtures';
import { render } from '../../../deployment/render';
import { validate } from '../../../deployment/validate';
import { addDeployment, deploymentOptionsOf, removeDeployment } from './add-deployment';

const PRODUCTION = 'deploy/k8s/overlays/production/kustomization.yaml';

describe('addDeployment', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    for (const { descriptor } of SERVICES) addDeployment(tree, { name: descriptor.name });
  });

  it('creates the shared manifests with the first service, and writes nothing of its own but its production image', () => {
    for (const file of [
      'base/kustomization.yaml',
      'base/config.yaml',
      'base/network-policy-default-deny.yaml',
      'overlays/local/kustomization.yaml',
      'overlays/local/datastores/postgres.yaml',
      'overlays/production/kustomization.yaml',
    ]) {
      expect(tree.exists(`deploy/k8s/${file}`)).toBe(true);
    }
    // the services' objects are derived when rendering, their image comes from the root Dockerfile
    expect(tree.exists('deploy/k8s/services')).toBe(false);
    expect(tree.exists('apps/catalog/Dockerfile')).toBe(false);
    expect(tree.read(PRODUCTION, 'utf-8')).toContain(
      '  - name: ms/catalog\n    newName: msbootstrap.azurecr.io/catalog\n',
    );
  });

  it("generates the repository's own shared manifests (deploy/k8s), which it was made from", () => {
    const repository = (file: string) => readFileSync(join(workspaceRoot, 'deploy/k8s', file), 'utf8');
    for (const file of [
      'base/kustomization.yaml',
      'overlays/local/kustomization.yaml',
      'base/network-policy-default-deny.yaml',
    ])
      expect(tree.read(`deploy/k8s/${file}`, 'utf-8')).toBe(repository(file));
  });

  it('is idempotent', () => {
    const before = tree.listChanges().map((change) => [change.path, change.content?.toString()]);
    addDeployment(tree, { name: 'catalog' });
    expect(tree.listChanges().map((change) => [change.path, change.content?.toString()])).toEqual(before);
  });

  it('renders and validates in every overlay from what it wrote, and removeDeployment takes the image out again', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ms-add-deployment-'));
    try {
      // the generated deploy/k8s on disk, as a workspace of its own
      const root = join(scratch, 'workspace');
      for (const change of tree.listChanges())
        if (change.path.startsWith('deploy/') && change.content) {
          const file = join(root, change.path);
          mkdirSync(join(file, '..'), { recursive: true });
          writeFileSync(file, change.content);
        }
      for (const overlay of ['local', 'production']) {
        const objects = render(root, SERVICES, overlay, { outDir: join(scratch, 'k8s') });
        expect(validate(objects, SERVICES, { allApps: true })).toEqual([]);
        if (overlay === 'production')
          expect(JSON.stringify(objects)).toContain('"image":"msbootstrap.azurecr.io/catalog:latest"');
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }

    removeDeployment(tree, CATALOG.descriptor.name);
    expect(tree.read(PRODUCTION, 'utf-8')).not.toContain('catalog');
    expect(tree.read(PRODUCTION, 'utf-8')).toContain(`- name: ms/${EDGE_SERVICE.descriptor.name}`);
  });

  it('reads the options of an existing service app, refusing a project that is not one', () => {
    addProjectConfiguration(tree, 'notifier', { root: 'apps/notifier', tags: ['type:app'] });
    addProjectConfiguration(tree, 'shared', { root: 'libs/shared', tags: ['type:platform'] });
    expect(deploymentOptionsOf(tree, 'notifier')).toEqual({ name: 'notifier' });
    expect(() => deploymentOptionsOf(tree, 'shared')).toThrow(
      'shared: not a service app (its project has no type:app tag)',
    );
  });
});
