import { readJsonFile, workspaceRoot, type TargetConfiguration } from '@nx/devkit';
import { addDeployment, deploymentOptionsOf } from '@ms/generators';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { FsTree } from 'nx/src/generators/tree';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * The deployment (Dockerfiles, deploy/k8s, the deploy targets) is checked without Docker or a cluster:
 * `kubectl kustomize` renders each overlay, `deploy/scripts/k8s.mjs validate` checks every object against the
 * Kubernetes schemas (npm kubernetes-models) and the rules of this system, and mutated copies prove the checks bite.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
};
interface App {
  name: string;
  access: string;
  database: boolean;
  messaging: boolean;
  port: number;
}

const SCRIPT = join(workspaceRoot, 'deploy/scripts/k8s.mjs');
const OVERLAYS = readdirSync(join(workspaceRoot, 'deploy/k8s/overlays'));
const NAME = 'app.kubernetes.io/name';
const SYSTEM_PODS = { 'app.kubernetes.io/part-of': 'microservices' };
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

const APPS: App[] = readdirSync(join(workspaceRoot, 'apps'))
  .filter((dir) => existsSync(join(workspaceRoot, 'apps', dir, 'project.json')))
  .map((dir) => readJsonFile(join(workspaceRoot, 'apps', dir, 'project.json')) as { name: string; tags?: string[] })
  .filter((project) => project.tags?.includes('type:app'))
  .map((project) => {
    const tags = project.tags ?? [];
    const descriptor = readFileSync(
      join(workspaceRoot, `libs/contracts/${project.name}/src/lib/${project.name}.service.ts`),
      'utf8',
    );
    return {
      name: project.name,
      access: tags.find((tag) => tag.startsWith('access:'))?.slice('access:'.length) ?? '',
      database: tags.includes('persistence:database'),
      messaging: tags.includes('messaging:events'),
      port: Number(/defaultPort:\s*(\d+)/.exec(descriptor)?.[1]),
    };
  });

const tmp = mkdtempSync(join(tmpdir(), 'ms-deploy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function script(...args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, ...args], { cwd: workspaceRoot, encoding: 'utf8' });
}
function parse(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as K8sObject)
    .filter(Boolean);
}
const rendered = new Map<string, K8sObject[]>();
function render(overlay: string): K8sObject[] {
  if (!rendered.has(overlay)) rendered.set(overlay, parse(script('render', overlay)));
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
    process.execPath,
    [SCRIPT, 'validate', ...files.map(([, file]) => file), '--json', ...(allApps ? ['--all-apps'] : [])],
    {
      cwd: workspaceRoot,
      encoding: 'utf8',
    },
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
    title: 'an internal service given the gateway rule of a hybrid one (no longer matches its access tag)',
    mutate: (objects) => {
      const internal = find(objects, 'NetworkPolicy', 'order-processing');
      internal.spec.ingress = structuredClone(find(objects, 'NetworkPolicy', 'user-management').spec.ingress);
      internal.spec.ingress[0].ports = [{ port: 3104, protocol: 'TCP' }];
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([
        'order-processing (internal): NetworkPolicy allows ingress from {"podSelector":{"matchLabels":{"app.kubernetes.io/name":"gateway"}}}, not allowed for this level',
      ]),
  },
  {
    title: 'a public or hybrid service whose policy forgets the gateway',
    mutate: (objects) => {
      find(objects, 'NetworkPolicy', 'product-search').spec.ingress[0].from.pop();
      return objects;
    },
    expected: (errors) =>
      expect(errors).toEqual([expect.stringContaining('product-search (hybrid): NetworkPolicy lacks ingress from')]),
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

    it('gives every app a NetworkPolicy whose ingress matches its access: tag', () => {
      const objects = render(overlay);
      for (const app of APPS) {
        const policy = find(objects, 'NetworkPolicy', app.name);
        expect(policy?.spec.podSelector.matchLabels).toEqual({ [NAME]: app.name });
        const peers = policy.spec.ingress.flatMap((rule: { from: unknown[] }) => rule.from);
        if (app.name === 'gateway') {
          // the edge: from the ingress controller only
          expect(peers).toEqual([
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
              podSelector: { matchLabels: { [NAME]: 'ingress-nginx' } },
            },
          ]);
        } else if (app.access === 'internal') {
          expect(peers).toEqual([{ podSelector: { matchLabels: SYSTEM_PODS } }]);
        } else {
          expect(['public', 'hybrid']).toContain(app.access);
          expect(peers).toEqual([
            { podSelector: { matchLabels: SYSTEM_PODS } },
            { podSelector: { matchLabels: { [NAME]: 'gateway' } } },
          ]);
        }
        // never from outside the namespace except the edge, never an IP range
        expect(JSON.stringify(policy.spec.ingress)).not.toContain('ipBlock');
        expect(
          policy.spec.ingress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port)),
        ).toEqual([app.port]);
      }
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
    const log = script(
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

  it('each app has a multi-stage Dockerfile: Nx build + prune, slim non-root runtime, node HEALTHCHECK, its port', () => {
    for (const app of APPS) {
      const dockerfile = readFileSync(join(workspaceRoot, 'apps', app.name, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\} AS build$/m);
      expect(dockerfile).toContain(`npx nx build ${app.name} --configuration=production`);
      expect(dockerfile).toContain(`npx nx run ${app.name}:prune`);
      expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim AS runtime$/m);
      expect(dockerfile).toContain(`COPY --from=build /workspace/dist/apps/${app.name}/ ./`);
      expect(dockerfile).toContain('npm ci --omit=dev');
      expect(dockerfile).toMatch(/^USER 1000:1000$/m);
      expect(dockerfile).toMatch(/NODE_ENV=production/);
      expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${app.port}$`, 'm'));
      expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", .*\/health\/live/m);
    }
    const ignore = readFileSync(join(workspaceRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.data']));
  });

  it('the committed manifests and Dockerfiles of every app are exactly what the generator emits', () => {
    // FsTree drops a write whose content equals the file on disk: re-running the generator's step must change nothing.
    const tree = new FsTree(workspaceRoot, false);
    for (const app of APPS) addDeployment(tree, deploymentOptionsOf(tree, app.name));
    expect(tree.listChanges().map((change) => `${change.type} ${change.path}`)).toEqual([]);
  });

  it('each app has docker-build and a deploy target with a dry-run configuration (inferred by the service-targets plugin)', () => {
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
        `docker build -f apps/${app.name}/Dockerfile -t \${REGISTRY:-ms}/${app.name}:\${TAG:-latest} .`,
      );
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
