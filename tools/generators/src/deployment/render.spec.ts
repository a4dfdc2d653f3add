import { workspaceRoot } from '@nx/devkit';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, SERVICES } from './fixtures';
import { deploymentsOf, loadDeployments, pinImage, render, selectApp } from './render';
import { validate } from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const find = (objects: Loose[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

describe('render (kubectl kustomize of deploy/k8s with the services derived from their descriptors)', () => {
  jest.setTimeout(120_000);
  const scratch = mkdtempSync(join(tmpdir(), 'ms-render-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const renderFixture = (overlay: string, options = {}) =>
    render(workspaceRoot, SERVICES, overlay, { outDir: join(scratch, 'k8s'), ...options }) as Loose[];

  it.each(['local', 'production'])(
    'renders the %s overlay: the shared objects, every service, valid, the data stores range filled in',
    (overlay) => {
      const objects = renderFixture(overlay);
      expect(validate(objects, SERVICES, { allApps: true })).toEqual([]);
      expect(objects.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'microservices')).toBe(true);
      // the services component merged each service's URL into the base's platform-config
      expect(find(objects, 'ConfigMap', 'platform-config').data).toMatchObject({
        NODE_ENV: 'production',
        CATALOG_URL: 'http://catalog:3101',
        NOTES_URL: 'http://notes:3105',
      });
      const cidrs = JSON.stringify(find(objects, 'NetworkPolicy', 'catalog').spec.egress).match(/"cidr":"[^"]+"/g);
      expect(new Set(cidrs)).toEqual(
        new Set([overlay === 'local' ? '"cidr":"192.0.2.0/32"' : '"cidr":"10.30.0.0/24"']),
      );
    },
  );

  it('applies the production settings to the derived objects (replicas, resources, host and TLS)', () => {
    const objects = renderFixture('production');
    expect(find(objects, 'HorizontalPodAutoscaler', 'catalog').spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(find(objects, 'Deployment', 'catalog').spec.template.spec.containers[0].resources.limits.memory).toBe(
      '512Mi',
    );
    expect(find(objects, 'Ingress', 'gateway').spec.tls[0].hosts).toEqual(['shop.example.com']);
    expect(existsSync(join(scratch, 'k8s/services/kustomization.yaml'))).toBe(true);
  });

  it("selects one app's objects and the shared ones, its image pinned to REGISTRY/app:TAG", () => {
    const objects = selectApp(renderFixture('local'), 'catalog') as Loose[];
    // its own objects, no other service's (the local data stores are shared)
    const services = new Set(SERVICES.map((service) => service.descriptor.name));
    const owners = new Set(
      objects.map((o) => o.metadata.labels?.['app.kubernetes.io/name']).filter((n) => services.has(n)),
    );
    expect([...owners]).toEqual(['catalog']);
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['Namespace', 'ConfigMap', 'StatefulSet', 'Job']),
    );
    const images = (pinImage(objects, 'catalog', { tag: 'abc', registry: 'example.io/' }) as Loose[])
      .flatMap((o) => o.spec?.template?.spec?.containers ?? [])
      .filter((c: Loose) => !['postgres', 'redis', 'rabbitmq', 'minio'].includes(c.name))
      .map((c: Loose) => c.image);
    expect(images).toEqual(['example.io/catalog:abc', 'example.io/catalog:abc']);
    expect(() => selectApp(renderFixture('local'), 'nobody')).toThrow(/no manifests for "nobody"/);
    expect(() => renderFixture('staging')).toThrow('unknown overlay "staging" (have: local, production)');
  });

  it("reads each registered service's adapters from its project tags", () => {
    const deployments = loadDeployments(workspaceRoot);
    expect(deployments.map((d) => d.descriptor.name)).toEqual(
      expect.arrayContaining(['gateway', 'product-search', 'user-management', 'order-processing']),
    );
    const tags: string[] = JSON.parse(
      readFileSync(join(workspaceRoot, 'apps/product-search/project.json'), 'utf8'),
    ).tags;
    expect(deployments.find((d) => d.descriptor.name === 'product-search')?.adapters).toEqual({
      database: tags.includes('persistence:database'),
      cache: tags.includes('persistence:cache'),
      fileStorage: tags.includes('persistence:file-storage'),
      messaging: tags.includes('messaging:events'),
    });

    const root = join(scratch, 'workspace');
    mkdirSync(join(root, 'apps/catalog'), { recursive: true });
    expect(() => deploymentsOf(root, [CATALOG.descriptor])).toThrow(
      'catalog: in the registry, but apps/catalog/project.json is missing',
    );
    writeFileSync(join(root, 'apps/catalog/project.json'), JSON.stringify({ name: 'catalog', tags: ['type:lib'] }));
    expect(() => deploymentsOf(root, [CATALOG.descriptor])).toThrow(
      'catalog: apps/catalog/project.json lacks the type:app tag',
    );
  });
});
