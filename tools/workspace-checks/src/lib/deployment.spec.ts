import { readJsonFile, workspaceRoot, type TargetConfiguration } from '@nx/devkit';
import { addDeployment, deploymentOptionsOf } from '@ms/generators';
import { SERVICES } from '@ms/contracts-registry';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { FsTree } from 'nx/src/generators/tree';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * The deployment (the root Dockerfile, deploy/k8s, the deploy targets) is checked without Docker or a cluster, through
 * the deployment CLI (`npm run k8s`, tools/generators/src/deployment): `render` derives every service's objects from
 * its descriptor and tags and builds each overlay with `kubectl kustomize`, `validate` checks every object against the
 * Kubernetes schemas (npm kubernetes-models) and the rules of this system, and mutated copies prove the CLI reports
 * them. The rules themselves, one by one, are proven by tools/generators/src/deployment/validate.spec.ts.
 */

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // rendered YAML: read defensively
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
};
interface App {
  name: string;
  access: string;
  database: boolean;
  messaging: boolean;
  port: number;
}

const OVERLAYS = readdirSync(join(workspaceRoot, 'deploy/k8s/overlays'));
const NAME = 'app.kubernetes.io/name';
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/** Every service of the registry, with what its project tags declare. */
const APPS: App[] = SERVICES.map((service) => {
  const tags: string[] = readJsonFile(join(workspaceRoot, 'apps', service.name, 'project.json')).tags ?? [];
  return {
    name: service.name,
    access: service.accessibility,
    database: tags.includes('persistence:database'),
    messaging: tags.includes('messaging:events'),
    port: service.defaultPort,
  };
});

const tmp = mkdtempSync(join(tmpdir(), 'ms-deploy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The deployment CLI, exactly as package.json declares it (`npm run k8s`). */
function cli(...args: string[]): string {
  return execFileSync('npm', ['run', '-s', 'k8s', '--', ...args], { cwd: workspaceRoot, encoding: 'utf8' });
}
function parse(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as K8sObject)
    .filter(Boolean);
}
const rendered = new Map<string, K8sObject[]>();
function render(overlay: string): K8sObject[] {
  if (!rendered.has(overlay))
    rendered.set(overlay, parse(cli('render', overlay, `--tree=${join(tmp, 'k8s-' + overlay)}`)));
  return structuredClone(rendered.get(overlay) as K8sObject[]);
}
/**
 * Problems the validator finds in each set of objects (written to files, e.g. mutated copies of a rendering). One
 * process for all sets: loading the Kubernetes schemas is the slow part.
 */
function validateAll(sets: Record<string, K8sObject[]>, allApps = true): Record<string, string[]> {
  const files = Object.entries(sets).map(([key, objects]) => {
    const file = join(tmp, `${key.replace(/[^a-z0-9-]+/gi, '_')}.yaml`);
    writeFileSync(file, objects.map((object) => stringify(object)).join('---\n'));
    return [key, file] as const;
  });
  const result = spawnSync(
    'npm',
    [
      'run',
      '-s',
      'k8s',
      '--',
      'validate',
      ...files.map(([, file]) => file),
      '--json',
      ...(allApps ? ['--all-apps'] : []),
    ],
    { cwd: workspaceRoot, encoding: 'utf8' },
  );
  if (!result.stdout.startsWith('{')) throw new Error(`validate failed: ${result.stderr}`);
  const byFile = JSON.parse(result.stdout) as Record<string, string[]>;
  const anyErrors = Object.values(byFile).some((errors) => errors.length > 0);
  expect(result.status).toBe(anyErrors ? 1 : 0);
  return Object.fromEntries(files.map(([key, file]) => [key, byFile[file]]));
}
const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name) as K8sObject;

interface Mutation {
  title: string;
  overlay?: string;
  mutate: (objects: K8sObject[]) => K8sObject[];
  expected: (errors: string[]) => void;
}

/** Each mutation breaks a rendered copy in one way; the validator must report exactly that. */
const MUTATIONS: Mutation[] = [
  ...['gateway', 'product-search', 'user-management', 'order-processing'].map((name) => ({
    title: `deleting the NetworkPolicy of ${name}`,
    mutate: (objects: K8sObject[]) => objects.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === name)),
    expected: (errors: string[]) =>
      expect(errors).toEqual([`${name}: expected exactly one NetworkPolicy selecting ${NAME}=${name}, found 0`]),
  })),
  {
    title: 'deleting the default-deny policy',
    mutate: (objects) => objects.filter((o) => o.metadata.name !== 'default-deny'),
    expected: (errors) => expect(errors.join('\n')).toContain('default-deny NetworkPolicy'),
  },
  {
    title: 'breaking a field: a string where the schema wants a port number, a missing required field',
    mutate: (objects) => {
      find(objects, 'Deployment', 'order-processing').spec.template.spec.containers[0].ports[0].containerPort =
        'http-port';
      delete find(objects, 'Service', 'product-search').spec.ports[0].port;
      return objects;
    },
    expected: (errors) => {
      expect(errors.join('\n')).toMatch(/Deployment\/order-processing: .*containerPort must be integer/);
      expect(errors.join('\n')).toMatch(/Service\/product-search: .*must have required property '?port'?/);
    },
  },
  {
    title: 'an internal service opened to the world, a public one to another namespace',
    mutate: (objects) => {
      find(objects, 'NetworkPolicy', 'order-processing').spec.ingress[0].from.push({ ipBlock: { cidr: '0.0.0.0/0' } });
      find(objects, 'NetworkPolicy', 'product-search').spec.ingress[0].from.push({ namespaceSelector: {} });
      return objects;
    },
    expected: (errors) => {
      expect(errors.join('\n')).toContain('order-processing (internal): NetworkPolicy allows ingress from {"ipBlock"');
      expect(errors.join('\n')).toContain(
        'product-search (hybrid): NetworkPolicy allows ingress from {"namespaceSelector"',
      );
    },
  },
  {
    title: "an internal service given another service's callers (no longer what its descriptor names)",
    mutate: (objects) => {
      const internal = find(objects, 'NetworkPolicy', 'order-processing');
      internal.spec.ingress = structuredClone(find(objects, 'NetworkPolicy', 'product-search').spec.ingress);
      internal.spec.ingress[0].ports = [{ port: 3104, protocol: 'TCP' }];
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'order-processing (internal): NetworkPolicy allows ingress from {"podSelector":{"matchLabels":{"app.kubernetes.io/name":"order-processing"}}}, not allowed for this service',
      ]),
  },
  {
    title: 'a hybrid service whose policy forgets a caller its descriptor names',
    mutate: (objects) => {
      find(objects, 'NetworkPolicy', 'product-search').spec.ingress[0].from.pop();
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'product-search (hybrid): NetworkPolicy lacks ingress from {"pod":{"app.kubernetes.io/name":"order-processing"}}',
      ]),
  },
  {
    title: 'an Ingress for a service other than the gateway, a LoadBalancer Service',
    mutate: (objects) => {
      const ingress = structuredClone(find(objects, 'Ingress', 'gateway'));
      ingress.metadata.name = 'product-search';
      ingress.spec.rules[0].http.paths[0].backend.service = { name: 'product-search', port: { number: 3101 } };
      find(objects, 'Service', 'user-management').spec.type = 'LoadBalancer';
      return [...objects, ingress];
    },
    expected: (errors) => {
      expect(errors.join('\n')).toContain('Ingress/product-search: only the edge (gateway) may have an Ingress');
      expect(errors.join('\n')).toContain('user-management: Service must be ClusterIP');
    },
  },
  {
    title: 'a missing probe, a writable root filesystem, a literal secret',
    mutate: (objects) => {
      const container = find(objects, 'Deployment', 'user-management').spec.template.spec.containers[0];
      delete container.readinessProbe;
      container.securityContext.readOnlyRootFilesystem = false;
      const secret = container.env.find((v: { name: string }) => v.name === 'SERVICE_TOKEN_SECRET');
      delete secret.valueFrom;
      secret.value = 'x'.repeat(32);
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'user-management/user-management: securityContext.readOnlyRootFilesystem must be true',
        'user-management/user-management: readinessProbe must GET /health/ready',
        'user-management/user-management: SERVICE_TOKEN_SECRET must come from a secretKeyRef, not a literal value',
      ]),
  },
  {
    title: 'a messaging service without AMQP_URL, another without egress to the broker',
    mutate: (objects) => {
      const container = find(objects, 'Deployment', 'order-processing').spec.template.spec.containers[0];
      container.env = container.env.filter((v: { name: string }) => v.name !== 'AMQP_URL');
      const policy = find(objects, 'NetworkPolicy', 'product-search');
      policy.spec.egress = policy.spec.egress.filter(
        (rule: { ports?: { port: number }[] }) => !rule.ports?.some((p) => p.port === 5672),
      );
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'order-processing/order-processing: messaging service needs AMQP_URL from a secretKeyRef',
        "product-search: messaging service's NetworkPolicy must allow egress to the broker, ports 5672 and 5671 (missing 5672, 5671)",
      ]),
  },
  {
    title: 'egress to data stores by port only (any address), or to the whole address space',
    mutate: (objects) => {
      const egress = find(objects, 'NetworkPolicy', 'user-management').spec.egress;
      delete egress.find((rule: { ports?: { port: number }[] }) => rule.ports?.some((p) => p.port === 5432)).to;
      const broker = find(objects, 'NetworkPolicy', 'order-processing').spec.egress.find(
        (rule: { ports?: { port: number }[] }) => rule.ports?.some((p) => p.port === 5672),
      );
      broker.to[1].ipBlock.cidr = '0.0.0.0/0';
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'order-processing: NetworkPolicy egress to ipBlock "0.0.0.0/0": must be an address range, not everything',
        'user-management: NetworkPolicy egress [{"port":5432,"protocol":"TCP"}] must name destinations (to)',
      ]),
  },
  {
    title: 'an overlay that forgets to say where the data stores outside the cluster are',
    mutate: (objects) => {
      for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
        for (const rule of policy.spec.egress ?? []) {
          for (const peer of rule.to ?? []) if (peer.ipBlock) peer.ipBlock.cidr = 'EXTERNAL_DATASTORES_CIDR';
        }
      }
      return objects;
    },
    expected: (errors) =>
      expect(errors.join('\n')).toMatch(/product-search: NetworkPolicy egress to ipBlock "EXTERNAL_DATASTORES_CIDR"/),
  },
  {
    title: "the edge's probes on its public port, its management port exposed by its Service",
    mutate: (objects) => {
      const container = find(objects, 'Deployment', 'gateway').spec.template.spec.containers[0];
      container.readinessProbe.httpGet.port = 'http';
      find(objects, 'Service', 'gateway').spec.ports.push({ name: 'management', port: 3090, targetPort: 'management' });
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'gateway: readinessProbe must use the management port, not "http"',
        'gateway: its Service must not expose the management port',
      ]),
  },
  {
    title: 'a database service without its migration Job',
    mutate: (objects) => objects.filter((o) => !(o.kind === 'Job' && o.metadata.name === 'user-management-migrate')),
    expected: (errors) => expect(errors).toEqual(['user-management: database service without a migration Job']),
  },
  {
    title: 'an app of the workspace missing from an overlay',
    overlay: 'local',
    mutate: (objects) => objects.filter((o) => o.metadata.labels?.[NAME] !== 'order-processing'),
    expected: (errors) => expect(errors).toEqual(['order-processing: no Deployment in the rendered manifests']),
  },
];

describe('deployment', () => {
  jest.setTimeout(180_000);
  let results: Record<string, string[]>;

  beforeAll(() => {
    const sets: Record<string, K8sObject[]> = {};
    for (const overlay of OVERLAYS) sets[`overlay ${overlay}`] = render(overlay);
    for (const mutation of MUTATIONS) sets[mutation.title] = mutation.mutate(render(mutation.overlay ?? 'production'));
    results = validateAll(sets);
  });

  it('has an app list to check', () => {
    expect(APPS.map((app) => app.name)).toEqual(
      expect.arrayContaining(['gateway', 'product-search', 'user-management', 'order-processing']),
    );
    expect(OVERLAYS.sort()).toEqual(['local', 'production']);
  });

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    it('builds with kubectl kustomize, and every object validates against the Kubernetes schemas and our rules', () => {
      expect(render(overlay).length).toBeGreaterThan(APPS.length * 4);
      expect(results[`overlay ${overlay}`]).toEqual([]);
    });

    it('admits to each service only the callers its descriptor names, on its port', () => {
      const objects = render(overlay);
      const peersOf = (name: string) => {
        const policy = find(objects, 'NetworkPolicy', name);
        expect(policy?.spec.podSelector.matchLabels).toEqual({ [NAME]: name });
        // never from outside the namespace except the edge, never an IP range, only on the service's port
        expect(JSON.stringify(policy.spec.ingress)).not.toContain('ipBlock');
        expect(
          policy.spec.ingress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port)),
        ).toEqual([APPS.find((app) => app.name === name)?.port]);
        return policy.spec.ingress.flatMap((rule: { from: unknown[] }) => rule.from);
      };
      const pods = (...names: string[]) => names.map((name) => ({ podSelector: { matchLabels: { [NAME]: name } } }));
      // the edge: from the ingress controller only
      expect(peersOf('gateway')).toEqual([
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          podSelector: { matchLabels: { [NAME]: 'ingress-nginx' } },
        },
      ]);
      // the gateway fronts the hybrid services; the internal routes' callers (order-processing prices a checkout)
      expect(peersOf('product-search')).toEqual(pods('gateway', 'order-processing'));
      expect(peersOf('user-management')).toEqual(pods('gateway'));
      expect(peersOf('order-processing')).toEqual(pods('gateway'));
      // whatever the registry says next: every caller an internal route names is admitted
      for (const service of SERVICES.filter((s) => s.name !== 'gateway'))
        for (const route of service.routes.filter((r) => r.access === 'internal'))
          for (const caller of route.callers ?? []) expect(peersOf(service.name)).toContainEqual(pods(caller)[0]);
      const denyAll = find(objects, 'NetworkPolicy', 'default-deny');
      expect(denyAll.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    });

    it('gives every messaging:events app AMQP_URL from platform-secrets and egress to the broker (AMQP, AMQPS)', () => {
      const objects = render(overlay);
      const messagingApps = APPS.filter((app) => app.messaging);
      expect(messagingApps.map((app) => app.name)).toEqual(
        expect.arrayContaining(['product-search', 'order-processing', 'user-management']),
      );
      for (const app of APPS) {
        const env: { name: string; valueFrom?: unknown }[] = find(objects, 'Deployment', app.name).spec.template.spec
          .containers[0].env;
        const amqp = env.find((v) => v.name === 'AMQP_URL');
        const egressPorts = find(objects, 'NetworkPolicy', app.name).spec.egress.flatMap(
          (rule: { ports?: { port: number }[] }) => (rule.ports ?? []).map((p) => p.port),
        );
        if (app.messaging) {
          expect({ app: app.name, amqp }).toEqual({
            app: app.name,
            amqp: { name: 'AMQP_URL', valueFrom: { secretKeyRef: { name: 'platform-secrets', key: 'AMQP_URL' } } },
          });
          expect({ app: app.name, egressPorts }).toEqual({
            app: app.name,
            egressPorts: expect.arrayContaining([5672, 5671]),
          });
        } else {
          expect({ app: app.name, amqp, egressPorts }).toEqual({
            app: app.name,
            amqp: undefined,
            egressPorts: expect.not.arrayContaining([5672]),
          });
        }
      }
    });

    it('has an Ingress for the gateway only, ClusterIP Services, a migration Job per database service', () => {
      const objects = render(overlay);
      expect(objects.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name)).toEqual(['gateway']);
      for (const app of APPS) {
        expect(find(objects, 'Service', app.name).spec.type).toBe('ClusterIP');
        expect(find(objects, 'HorizontalPodAutoscaler', app.name)).toBeDefined();
        const job = find(objects, 'Job', `${app.name}-migrate`);
        if (app.database)
          expect(job.spec.template.spec.containers[0].args).toEqual(['node', 'main.js', '--migrate-only']);
        else expect(job).toBeUndefined();
      }
    });
  });

  it('has no secret values in the manifests, only references', () => {
    for (const overlay of OVERLAYS) {
      const objects = render(overlay);
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      const env: { name: string }[] = objects
        .flatMap((o) => o.spec?.template?.spec?.containers ?? [])
        .flatMap((c: { env?: { name: string }[] }) => c.env ?? []);
      const secretish = env.filter((v) => /SECRET|PASSWORD|DATABASE_URL|REDIS_URL|AMQP_URL/.test(v.name));
      expect(secretish.length).toBeGreaterThan(0);
      for (const variable of secretish)
        expect(variable).toEqual({ name: expect.any(String), valueFrom: { secretKeyRef: expect.any(Object) } });
    }
  });

  describe('the validator catches broken manifests (mutated copies of a rendering)', () => {
    it.each(MUTATIONS.map((mutation) => [mutation.title, mutation] as const))('%s', (title, mutation) => {
      mutation.expected(results[title]);
    });
  });

  it("one app's dry-run deploy renders only its objects and the shared ones, with the image pinned to REGISTRY/app:TAG", () => {
    const out = join(tmp, 'product-search.yaml');
    const log = cli(
      'deploy',
      'product-search',
      '--overlay=production',
      '--dry-run',
      '--tag=abc123',
      '--registry=example.azurecr.io',
      `--out=${out}`,
    );
    expect(log).toContain('validated');
    const objects = parse(readFileSync(out, 'utf8'));
    const owners = new Set(objects.map((o) => o.metadata.labels?.[NAME]).filter(Boolean));
    expect([...owners]).toEqual(['product-search']);
    const images = objects
      .flatMap((o) => o.spec?.template?.spec?.containers ?? [])
      .map((c: { image: string }) => c.image);
    expect(images).toEqual(['example.azurecr.io/product-search:abc123', 'example.azurecr.io/product-search:abc123']);
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['Namespace', 'ConfigMap', 'NetworkPolicy', 'Deployment', 'Job']),
    );
    expect(validateAll({ 'one app': objects }, false)['one app']).toEqual([]);
  });

  it('one multi-stage Dockerfile builds every app: Nx build + prune, slim non-root runtime, node HEALTHCHECK', () => {
    const dockerfile = readFileSync(join(workspaceRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\} AS build\nARG APP$/m);
    expect(dockerfile).toContain('npx nx run "${APP}:prune"');
    expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim AS runtime\nARG APP$/m);
    expect(dockerfile).toContain('COPY --from=build /workspace/dist/apps/${APP}/ ./');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/NODE_ENV=production/);
    // the port it probes is the app's, recorded by `prune` (image.json): nothing in the Dockerfile names a service
    expect(dockerfile).toMatch(
      /^HEALTHCHECK .*\n\s+CMD \["node", "-e", ".*require\('\/app\/image\.json'\).*\/health\/live/m,
    );
    for (const app of APPS) expect(dockerfile).not.toContain(app.name);
    expect(APPS.filter((app) => existsSync(join(workspaceRoot, 'apps', app.name, 'Dockerfile')))).toEqual([]);
    const ignore = readFileSync(join(workspaceRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.data']));
  });

  it('writes no deployment file per service: its objects are derived, and the generator step changes nothing', () => {
    expect(existsSync(join(workspaceRoot, 'deploy/k8s/services'))).toBe(false);
    // FsTree drops a write whose content equals the file on disk: re-running the generator's step must change nothing.
    const tree = new FsTree(workspaceRoot, false);
    for (const app of APPS) addDeployment(tree, deploymentOptionsOf(tree, app.name));
    expect(tree.listChanges().map((change) => `${change.type} ${change.path}`)).toEqual([]);
  });

  it('each app has prune, docker-build and a deploy target with a dry-run configuration (inferred by the service-targets plugin)', () => {
    // The targets Nx resolves (project.json plus every plugin), for all projects in one graph computation.
    const graphFile = join(mkdtempSync(join(tmpdir(), 'nx-graph-')), 'graph.json');
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'graph', `--file=${graphFile}`], {
      cwd: workspaceRoot,
      env: nxEnv,
      stdio: 'ignore',
    });
    const { nodes } = readJsonFile(graphFile).graph as {
      nodes: Record<string, { data: { targets: Record<string, TargetConfiguration> } }>;
    };
    for (const app of APPS) {
      const { targets } = nodes[app.name].data;
      expect(targets['docker-build'].options.command).toBe(
        `docker build -f Dockerfile --build-arg APP=${app.name} -t \${REGISTRY:-ms}/${app.name}:\${TAG:-latest} .`,
      );
      expect(targets['prune'].options.command).toBe(`npm run -s k8s -- prune ${app.name}`);
      expect(targets['deploy'].configurations?.['dry-run'].command).toContain(
        `--dry-run --out=dist/deploy/${app.name}.yaml`,
      );
    }
  });

  it('the Terraform of chapter 7 pins azurerm, keeps its backend as instructions, and is formatted', () => {
    const dir = join(workspaceRoot, 'deploy/terraform');
    const versions = readFileSync(join(dir, 'versions.tf'), 'utf8');
    expect(versions).toMatch(/source\s*=\s*"hashicorp\/azurerm"\s*\n\s*version\s*=\s*"~> \d+\.\d+"/);
    expect(versions).toMatch(/^\s*# backend "azurerm" \{/m);
    const main = readFileSync(join(dir, 'main.tf'), 'utf8');
    for (const resource of ['azurerm_resource_group', 'azurerm_container_registry', 'azurerm_kubernetes_cluster'])
      expect(main).toContain(`resource "${resource}"`);
    const terraform = spawnSync('terraform', ['fmt', '-check', '-recursive', dir], { encoding: 'utf8' });
    // terraform is optional on a developer machine; where it is installed, the files must be formatted
    if (!terraform.error)
      expect({ status: terraform.status, unformatted: terraform.stdout }).toEqual({ status: 0, unformatted: '' });
  });

  describe('affected-only deploys', () => {
    it('touching one service selects only that service for deploy', () => {
      for (const app of ['order-processing', 'user-management']) {
        const output = execFileSync(
          process.execPath,
          [
            join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'),
            'show',
            'projects',
            '--affected',
            `--files=apps/${app}/src/main.ts`,
            '--withTarget=deploy',
            '--json',
          ],
          { cwd: workspaceRoot, encoding: 'utf8', env: nxEnv },
        );
        expect(JSON.parse(output)).toEqual([app]);
      }
    });

    it('`nx affected -t deploy --configuration=dry-run` runs the dry-run deploy of exactly that service', () => {
      const output = stripVTControlCharacters(
        execFileSync(
          process.execPath,
          [
            join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'),
            ...[
              'affected',
              '-t',
              'deploy',
              '--configuration=dry-run',
              '--files=apps/order-processing/src/main.ts',
              '--outputStyle=static',
              '--skip-nx-cache',
            ],
          ],
          { cwd: workspaceRoot, encoding: 'utf8', env: { ...nxEnv, TAG: 'affected-test' } },
        ),
      );
      expect(output).toContain('order-processing:deploy:dry-run');
      for (const other of APPS.filter((app) => app.name !== 'order-processing'))
        expect(output).not.toContain(`${other.name}:deploy`);
      expect(output).toMatch(/Successfully ran target deploy for project order-processing\b/);
      const objects = parse(readFileSync(join(workspaceRoot, 'dist/deploy/order-processing.yaml'), 'utf8'));
      expect(find(objects, 'Deployment', 'order-processing').spec.template.spec.containers[0].image).toMatch(
        /\/order-processing:affected-test$/,
      );
    });
  });
});
