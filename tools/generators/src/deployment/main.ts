/**
 * Render, validate and deploy the system on Kubernetes; no cluster is needed except for `deploy` without --dry-run
 * and for `local-secrets`. Run with `npm run k8s -- <command>` (node -r @swc-node/register on this file):
 *
 *   render <overlay> [--app=<service>] [--tag=T] [--registry=R] [--out=file] [--tree=dir]
 *       writes the kustomize tree to dist/deploy/k8s or --tree (kubectl apply -k dist/deploy/k8s/overlays/<overlay>)
 *       and prints the overlay's objects (or one service's, its image pinned)
 *   validate <file.yaml>… [--all-apps] [--json]        exit 1 and the problems if invalid
 *   deploy <service> --overlay=<overlay> [--tag=T] [--registry=R] [--dry-run] [--out=file]
 *   local-secrets                                       random secrets for a local cluster (kubectl)
 *   prune <service>                                     after `nx build <service>`: dist/apps/<service> made
 *                                                       installable on its own (what the Dockerfile runs, image.ts)
 *
 * TAG and REGISTRY may also come from the environment (CI sets them); `nx deploy <service>` runs `deploy`.
 */
import { workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { K8sObject } from './manifests';
import { containersOf, loadDeployments, parseObjects, render, toYaml } from './render';
import { prepareImage } from './image';
import { LABEL, PLATFORM_SECRETS, serviceSecrets, SYSTEM, type ServiceDeployment } from './rules';
import { validate } from './validate';

function kubectl(args: string[], input?: string): void {
  if (input === '') return; // nothing of this kind to apply
  console.log(`$ kubectl ${args.join(' ')}`);
  execFileSync('kubectl', args, { input, stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'] });
}

const localDatabaseName = (app: string) => app.replace(/-/g, '_');

interface DeployOptions {
  overlay?: string;
  tag?: string;
  registry?: string;
  dryRun: boolean;
  out?: string;
}

async function deploy(
  services: ServiceDeployment[],
  app: string,
  { overlay, tag, registry, dryRun, out }: DeployOptions,
) {
  if (!app) throw new Error('deploy: name the service, e.g. deploy product-search --overlay=local');
  if (!overlay) throw new Error('--overlay=<name> is required');
  // a private tree: `nx run-many -t deploy` renders several services at once
  const scratch = mkdtempSync(join(tmpdir(), 'ms-k8s-'));
  let objects: K8sObject[];
  try {
    objects = render(workspaceRoot, services, overlay, { app, tag, registry, outDir: join(scratch, 'k8s') });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const errors = validate(objects, services);
  const file = resolve(workspaceRoot, out ?? `dist/deploy/${app}.yaml`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toYaml(objects));
  if (errors.length > 0)
    throw new Error(`${app}: the rendered manifests (${file}) are invalid:\n  ${errors.join('\n  ')}`);
  const own = objects.filter((o) => o.metadata?.labels?.[LABEL.name] === app);
  const images = [...new Set(own.flatMap(containersOf).map((c) => c.image))];
  console.log(
    `${app}: ${objects.length} objects rendered from overlays/${overlay} and validated → ${file} (image ${images.join(', ')})`,
  );
  if (dryRun) return;

  // Migrations first (Jobs are immutable: replace the previous one), then the rollout.
  const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata?.name ?? SYSTEM;
  const ofKind = (...kinds: string[]) => objects.filter((o) => kinds.includes(o.kind as string));
  const jobs = ofKind('Job');
  kubectl(
    ['apply', '-f', '-'],
    toYaml(objects.filter((o) => !['Job', 'Deployment', 'StatefulSet'].includes(o.kind as string))),
  );
  kubectl(['apply', '-f', '-'], toYaml(ofKind('StatefulSet')));
  // A local cluster's PostgreSQL (overlays/local/datastores) starts empty: create the service's database (production
  // databases are created with the managed server, see deploy/README.md). Same name as in `local-secrets`.
  if (jobs.length > 0 && ofKind('StatefulSet').some((o) => o.metadata?.name === 'postgres')) {
    kubectl(['-n', namespace, 'rollout', 'status', 'statefulset/postgres', '--timeout=300s']);
    const database = localDatabaseName(app);
    const script = `psql -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${database}'" | grep -q 1 || createdb -U postgres ${database}`;
    kubectl(['-n', namespace, 'exec', 'statefulset/postgres', '--', 'sh', '-c', script]);
  }
  for (const job of jobs) {
    const name = job.metadata?.name as string;
    kubectl(['-n', namespace, 'delete', 'job', name, '--ignore-not-found', '--wait=true']);
    kubectl(['apply', '-f', '-'], toYaml([job]));
    kubectl(['-n', namespace, 'wait', '--for=condition=complete', `job/${name}`, '--timeout=300s']);
  }
  kubectl(['apply', '-f', '-'], toYaml(ofKind('Deployment')));
  kubectl(['-n', namespace, 'rollout', 'status', `deployment/${app}`, '--timeout=300s']);
}

function localSecrets(services: ServiceDeployment[]): void {
  const random = () => randomBytes(24).toString('base64url');
  const pw = {
    POSTGRES_PASSWORD: random(),
    REDIS_PASSWORD: random(),
    RABBITMQ_PASSWORD: random(),
    MINIO_ROOT_PASSWORD: random(),
  };
  const secrets: Record<string, Record<string, string>> = {
    'datastore-secrets': pw,
    [PLATFORM_SECRETS]: {
      SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: `redis://:${pw.REDIS_PASSWORD}@redis:6379`,
      AMQP_URL: `amqp://ms:${pw.RABBITMQ_PASSWORD}@rabbitmq:5672`,
      S3_ACCESS_KEY_ID: 'ms-minio',
      S3_SECRET_ACCESS_KEY: pw.MINIO_ROOT_PASSWORD,
    },
  };
  for (const { descriptor, adapters } of services) {
    const values: Record<string, string> = {};
    if (adapters.database)
      values['DATABASE_URL'] =
        `postgres://postgres:${pw.POSTGRES_PASSWORD}@postgres:5432/${localDatabaseName(descriptor.name)}`;
    if (descriptor.name === 'user-management') values['USER_TOKEN_SECRET'] = randomBytes(32).toString('hex');
    if (Object.keys(values).length > 0) secrets[serviceSecrets(descriptor.name)] = values;
  }
  kubectl(['apply', '-f', '-'], toYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM } }]));
  // create only: re-running must not change passwords the data stores were initialised with
  for (const [name, stringData] of Object.entries(secrets)) {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: SYSTEM },
      type: 'Opaque',
      stringData,
    };
    try {
      execFileSync('kubectl', ['-n', SYSTEM, 'create', '-f', '-'], {
        input: toYaml([secret]),
        stdio: ['pipe', 'inherit', 'pipe'],
      });
    } catch (error) {
      if (!String((error as { stderr?: unknown }).stderr).includes('AlreadyExists')) throw error;
      console.log(`secret/${name} exists: kept (delete it to regenerate)`);
    }
  }
}

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) flags[match[1]] = match[2] ?? true;
    else positional.push(arg);
  }
  const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  return { positional, flags, text };
}

const USAGE = 'usage: k8s render|validate|deploy|local-secrets|prune … (see tools/generators/src/deployment/main.ts)';

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { positional, flags, text } = parseArgs(rest);
  const tag = text('tag') ?? process.env['TAG'];
  const registry = text('registry') ?? process.env['REGISTRY'];
  const services = loadDeployments(workspaceRoot);
  const serviceNamed = (name: string | undefined) => {
    const found = services.find((service) => service.descriptor.name === name);
    if (!found)
      throw new Error(`unknown service "${name}" (registry: ${services.map((s) => s.descriptor.name).join(', ')})`);
    return found;
  };
  switch (command) {
    case 'render': {
      if (!positional[0]) throw new Error('render: name the overlay, e.g. render local');
      const tree = text('tree');
      const yaml = toYaml(
        render(workspaceRoot, services, positional[0], {
          app: text('app'),
          tag,
          registry,
          ...(tree ? { outDir: resolve(workspaceRoot, tree) } : {}),
        }),
      );
      const out = text('out');
      if (out) writeFileSync(resolve(workspaceRoot, out), yaml);
      else process.stdout.write(yaml);
      return;
    }
    case 'validate': {
      if (positional.length === 0) throw new Error('validate: name the YAML files to check');
      // several files: one schema load for all (--json prints { "<file>": [errors] })
      const results: Record<string, string[]> = {};
      for (const file of positional)
        results[file] = validate(parseObjects(readFileSync(file, 'utf8')), services, {
          allApps: Boolean(flags['all-apps']),
        });
      if (flags['json']) console.log(JSON.stringify(results));
      else
        for (const [file, errors] of Object.entries(results))
          console.log(errors.length === 0 ? `${file}: valid` : `${file}:\n  ${errors.join('\n  ')}`);
      process.exitCode = Object.values(results).some((errors) => errors.length > 0) ? 1 : 0;
      return;
    }
    case 'deploy':
      return deploy(services, positional[0], {
        overlay: text('overlay'),
        tag,
        registry,
        dryRun: Boolean(flags['dry-run']),
        out: text('out'),
      });
    case 'local-secrets':
      return localSecrets(services);
    case 'prune':
      console.log(
        `${positional[0]}: ${prepareImage(workspaceRoot, serviceNamed(positional[0]).descriptor)} is ready for npm ci --omit=dev`,
      );
      return;
    default:
      throw new Error(USAGE);
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
