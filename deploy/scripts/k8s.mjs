#!/usr/bin/env node
// Render, validate and deploy the Kubernetes manifests of deploy/k8s. No cluster is needed except for `deploy` without
// --dry-run and for `local-secrets`.
//
//   node deploy/scripts/k8s.mjs render <overlay> [--app=<service>] [--tag=T] [--registry=R] [--out=file]
//   node deploy/scripts/k8s.mjs validate <file.yaml>… [--all-apps] [--json]   exit 1 and the problems if invalid
//   node deploy/scripts/k8s.mjs deploy <service> --overlay=<overlay> [--tag=T] [--registry=R] [--dry-run] [--out=file]
//   node deploy/scripts/k8s.mjs local-secrets                          random secrets for a local cluster (kubectl)
//
// TAG and REGISTRY may also come from the environment (CI sets them); `nx deploy <service>` runs the `deploy` command.
// Validation: every object against the Kubernetes OpenAPI schemas (npm `kubernetes-models`), then the rules of this
// system: probes, resources, securityContext, a NetworkPolicy derived from the app's `access:` tag, Ingress only for
// the edge, a migration Job for database services, the broker (AMQP_URL and its egress) for messaging services.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

export const WORKSPACE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const K8S_ROOT = join(WORKSPACE, 'deploy/k8s');
export const SYSTEM = 'microservices';
export const EDGE = 'gateway';
const NAME = 'app.kubernetes.io/name';
const PART_OF = 'app.kubernetes.io/part-of';
const COMPONENT = 'app.kubernetes.io/component';
/** Tag of the apps that publish or consume events; they need AMQP_URL and egress to the broker. */
const MESSAGING_TAG = 'messaging:events';
/** AMQP and AMQP over TLS (managed brokers). */
const BROKER_PORTS = [5672, 5671];

// ---------------------------------------------------------------------------------------------------------- workspace

/** Apps of the workspace (project.json with tag type:app and a Dockerfile), with what their tags declare. */
export function workspaceApps() {
  const apps = new Map();
  for (const dir of readdirSync(join(WORKSPACE, 'apps'))) {
    const file = join(WORKSPACE, 'apps', dir, 'project.json');
    if (!existsSync(file) || !existsSync(join(WORKSPACE, 'apps', dir, 'Dockerfile'))) continue;
    const project = JSON.parse(readFileSync(file, 'utf8'));
    const tags = project.tags ?? [];
    if (!tags.includes('type:app')) continue;
    const access = tags.find((tag) => tag.startsWith('access:'))?.slice('access:'.length);
    apps.set(project.name, {
      name: project.name,
      access,
      database: tags.includes('persistence:database'),
      messaging: tags.includes(MESSAGING_TAG),
    });
  }
  return apps;
}

export function overlays() {
  return readdirSync(join(K8S_ROOT, 'overlays')).filter((dir) =>
    existsSync(join(K8S_ROOT, 'overlays', dir, 'kustomization.yaml')),
  );
}

// ------------------------------------------------------------------------------------------------------------- render

export function kustomize(overlay) {
  const dir = join(K8S_ROOT, 'overlays', overlay);
  if (!existsSync(join(dir, 'kustomization.yaml')))
    throw new Error(`unknown overlay "${overlay}" (have: ${overlays().join(', ')})`);
  return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function parseObjects(text) {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((object) => object !== null && object !== undefined);
}

export function toYaml(objects) {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}

const labelOf = (object, label = NAME) => object?.metadata?.labels?.[label];

/**
 * The objects one app's deploy applies: its own (label app.kubernetes.io/name=<app>) and the shared ones (namespace,
 * config, default-deny, data stores of the local overlay), never another service's.
 */
export function selectApp(objects, app) {
  const services = new Set(objects.filter((o) => labelOf(o, COMPONENT) === 'service').map((o) => labelOf(o)));
  if (!services.has(app))
    throw new Error(`no manifests for "${app}" in the overlay (services: ${[...services].join(', ')})`);
  return objects.filter((object) => labelOf(object) === app || !services.has(labelOf(object)));
}

/** Pins the app's image (Deployment and migration Job) to [registry/]<app>:tag. */
export function pinImage(objects, app, { tag, registry } = {}) {
  for (const object of objects) {
    if (labelOf(object) !== app) continue;
    for (const container of object.spec?.template?.spec?.containers ?? []) {
      const image = String(container.image);
      const at = image.lastIndexOf(':') > image.lastIndexOf('/') ? image.lastIndexOf(':') : image.length;
      const repository = registry ? `${registry.replace(/\/+$/, '')}/${app}` : image.slice(0, at);
      container.image = `${repository}:${tag || image.slice(at + 1) || 'latest'}`;
    }
  }
  return objects;
}

export function render(overlay, { app, tag, registry } = {}) {
  let objects = parseObjects(kustomize(overlay));
  if (app) objects = pinImage(selectApp(objects, app), app, { tag, registry });
  return objects;
}

// ----------------------------------------------------------------------------------------------------------- validate

const modelCache = new Map();
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
    const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
    modelCache.set(key, await import(path).then((module) => module[kind]).catch(() => undefined));
  }
  return modelCache.get(key);
}

/** Schema validation of every object against the Kubernetes OpenAPI schemas shipped by `kubernetes-models`. */
export async function schemaErrors(objects) {
  const errors = [];
  for (const object of objects) {
    const id = `${object?.kind}/${object?.metadata?.name}`;
    if (!object?.apiVersion || !object?.kind) {
      errors.push(`${id}: apiVersion and kind are required`);
      continue;
    }
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      errors.push(`${id}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${id}: ${error.message}`);
    }
  }
  return errors;
}

const peerMatches = (peer, labels, { namespace } = {}) =>
  JSON.stringify(peer.podSelector?.matchLabels ?? null) === JSON.stringify(labels) &&
  JSON.stringify(peer.namespaceSelector?.matchLabels ?? null) === JSON.stringify(namespace ?? null) &&
  !peer.ipBlock;

/** The ingress peers a service's NetworkPolicy must have, from its declared accessibility. */
export function expectedIngress(app, access) {
  if (app === EDGE) {
    return [{ pod: { [NAME]: 'ingress-nginx' }, namespace: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }];
  }
  if (access === 'internal') return [{ pod: { [PART_OF]: SYSTEM } }];
  if (access === 'public' || access === 'hybrid') return [{ pod: { [PART_OF]: SYSTEM } }, { pod: { [NAME]: EDGE } }];
  throw new Error(`${app}: unknown access level "${access}"`);
}

/** Checks the app's NetworkPolicy against its access level; returns the policy (undefined when it is missing). */
function checkNetworkPolicy(app, access, port, policies, errors) {
  const own = policies.filter(
    (policy) => JSON.stringify(policy.spec?.podSelector?.matchLabels) === JSON.stringify({ [NAME]: app }),
  );
  if (own.length !== 1) {
    errors.push(`${app}: expected exactly one NetworkPolicy selecting ${NAME}=${app}, found ${own.length}`);
    return;
  }
  const [policy] = own;
  const types = policy.spec.policyTypes ?? [];
  if (!types.includes('Ingress') || !types.includes('Egress'))
    errors.push(`${app}: NetworkPolicy must declare policyTypes Ingress and Egress`);
  const expected = expectedIngress(app, access);
  const rules = policy.spec.ingress ?? [];
  const peers = rules.flatMap((rule) => rule.from ?? [{ everyone: true }]);
  for (const peer of peers) {
    if (!expected.some((want) => peerMatches(peer, want.pod, { namespace: want.namespace }))) {
      errors.push(
        `${app} (${app === EDGE ? 'edge' : access}): NetworkPolicy allows ingress from ${JSON.stringify(peer)}, not allowed for this level`,
      );
    }
  }
  for (const want of expected) {
    if (!peers.some((peer) => peerMatches(peer, want.pod, { namespace: want.namespace }))) {
      errors.push(
        `${app} (${app === EDGE ? 'edge' : access}): NetworkPolicy lacks ingress from ${JSON.stringify(want)}`,
      );
    }
  }
  for (const rule of rules) {
    const ports = (rule.ports ?? []).map((p) => p.port);
    if (ports.length !== 1 || ports[0] !== port)
      errors.push(`${app}: NetworkPolicy ingress must be limited to port ${port}, got ${JSON.stringify(ports)}`);
  }
  const dns = (policy.spec.egress ?? []).some((rule) => (rule.ports ?? []).some((p) => p.port === 53));
  if (!dns) errors.push(`${app}: NetworkPolicy must allow DNS egress (port 53)`);
  for (const rule of policy.spec.egress ?? []) {
    // A rule without `to` opens its ports towards every address there is.
    if (!rule.to?.length) {
      errors.push(
        `${app}: NetworkPolicy egress ${JSON.stringify(rule.ports ?? 'all ports')} must name destinations (to)`,
      );
    }
    for (const peer of rule.to ?? []) {
      const cidr = peer.ipBlock?.cidr;
      if (cidr !== undefined && !isNarrowCidr(cidr)) {
        errors.push(
          `${app}: NetworkPolicy egress to ipBlock ${JSON.stringify(cidr)}: must be an address range, not everything`,
        );
      }
    }
  }
  return policy;
}

/**
 * The edge is the public entry: its probes, metrics and internal docs live on a port of their own (`management`),
 * which the kubelet reaches on the pod and which its Service (what the Ingress forwards to) never exposes.
 */
function checkEdgeManagementPort(container, service, errors) {
  const management = (container?.ports ?? []).find((p) => p.name === 'management');
  if (!management) {
    errors.push(`${EDGE}: the edge container needs a port named management (MANAGEMENT_PORT)`);
    return;
  }
  const env = (container.env ?? []).find((variable) => variable.name === 'MANAGEMENT_PORT');
  if (Number(env?.value) !== management.containerPort)
    errors.push(`${EDGE}: MANAGEMENT_PORT must be ${management.containerPort}, the management port`);
  for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
    const port = container[probe]?.httpGet?.port;
    if (port !== 'management' && port !== management.containerPort)
      errors.push(`${EDGE}: ${probe} must use the management port, not ${JSON.stringify(port)}`);
  }
  for (const exposed of service?.spec?.ports ?? []) {
    if (exposed.targetPort === 'management' || exposed.targetPort === management.containerPort)
      errors.push(`${EDGE}: its Service must not expose the management port`);
  }
}

/** An IPv4 or IPv6 CIDR that is not the whole address space (0.0.0.0/0, ::/0). */
export function isNarrowCidr(cidr) {
  const match = /^([0-9a-fA-F.:]+)\/(\d{1,3})$/.exec(cidr);
  if (!match || isIP(match[1]) === 0) return false;
  const bits = Number(match[2]);
  return bits > 0 && bits <= (isIP(match[1]) === 6 ? 128 : 32);
}

/**
 * A messaging service without the broker would still look healthy (its readiness reports messaging as degraded, not
 * down) while its events pile up in the outbox: so its AMQP_URL and the egress to the broker are required here.
 */
function checkMessaging(app, containers, policy, errors) {
  for (const container of containers) {
    const amqp = (container.env ?? []).find((variable) => variable.name === 'AMQP_URL');
    if (!amqp?.valueFrom?.secretKeyRef)
      errors.push(`${app}/${container.name}: messaging service needs AMQP_URL from a secretKeyRef`);
  }
  if (!policy) return;
  const open = new Set((policy.spec.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((p) => p.port)));
  const missing = BROKER_PORTS.filter((port) => !open.has(port));
  if (missing.length > 0) {
    errors.push(
      `${app}: messaging service's NetworkPolicy must allow egress to the broker, ports ${BROKER_PORTS.join(' and ')} (missing ${missing.join(', ')})`,
    );
  }
}

function checkContainer(id, container, errors, { probes }) {
  const sc = container.securityContext ?? {};
  if (sc.runAsNonRoot !== true) errors.push(`${id}: securityContext.runAsNonRoot must be true`);
  if (sc.readOnlyRootFilesystem !== true) errors.push(`${id}: securityContext.readOnlyRootFilesystem must be true`);
  if (sc.allowPrivilegeEscalation !== false)
    errors.push(`${id}: securityContext.allowPrivilegeEscalation must be false`);
  if (!(sc.capabilities?.drop ?? []).includes('ALL'))
    errors.push(`${id}: securityContext.capabilities.drop must include ALL`);
  for (const kind of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) errors.push(`${id}: resources.${kind}.${resource} is required`);
    }
  }
  if (!(container.volumeMounts ?? []).some((mount) => mount.mountPath === '/tmp'))
    errors.push(`${id}: /tmp must be a writable volume`);
  if (probes) {
    if (container.livenessProbe?.httpGet?.path !== '/health/live')
      errors.push(`${id}: livenessProbe must GET /health/live`);
    if (container.readinessProbe?.httpGet?.path !== '/health/ready')
      errors.push(`${id}: readinessProbe must GET /health/ready`);
  }
  for (const variable of container.env ?? []) {
    if (/SECRET|PASSWORD|DATABASE_URL|REDIS_URL|AMQP_URL/.test(variable.name) && variable.value !== undefined) {
      errors.push(`${id}: ${variable.name} must come from a secretKeyRef, not a literal value`);
    }
  }
}

/**
 * The rules of this system over rendered objects. `apps` is workspaceApps(); with `allApps`, every app of the
 * workspace must be present (a whole overlay), else the apps found are checked (one app's deploy).
 */
export function policyErrors(objects, apps = workspaceApps(), { allApps = false } = {}) {
  const errors = [];
  const of = (kind) => objects.filter((object) => object.kind === kind);
  const policies = of('NetworkPolicy');
  const deployments = of('Deployment').filter((d) => labelOf(d, COMPONENT) === 'service');
  const present = new Set(deployments.map((d) => labelOf(d)));
  if (allApps)
    for (const app of apps.keys())
      if (!present.has(app)) errors.push(`${app}: no Deployment in the rendered manifests`);

  const denyAll = policies.some(
    (p) =>
      Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 &&
      !p.spec.ingress &&
      !p.spec.egress &&
      ['Ingress', 'Egress'].every((type) => (p.spec.policyTypes ?? []).includes(type)),
  );
  if (!denyAll)
    errors.push('namespace: a default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules) is required');

  for (const deployment of deployments) {
    const app = labelOf(deployment);
    const declared = apps.get(app);
    if (!declared) {
      errors.push(`${app}: Deployment of an unknown app (no apps/${app}/project.json with type:app)`);
      continue;
    }
    const pod = deployment.spec?.template;
    if (labelOf(pod, PART_OF) !== SYSTEM) errors.push(`${app}: pods must carry ${PART_OF}=${SYSTEM}`);
    const podSecurity = pod?.spec?.securityContext ?? {};
    if (podSecurity.runAsNonRoot !== true) errors.push(`${app}: pod securityContext.runAsNonRoot must be true`);
    const containers = pod?.spec?.containers ?? [];
    if (containers.length === 0) errors.push(`${app}: Deployment has no containers`);
    for (const container of containers) checkContainer(`${app}/${container.name}`, container, errors, { probes: true });
    const port = containers[0]?.ports?.[0]?.containerPort;

    const service = of('Service').find((s) => s.metadata?.name === app);
    if (!service) errors.push(`${app}: Service is missing`);
    else if ((service.spec?.type ?? 'ClusterIP') !== 'ClusterIP')
      errors.push(`${app}: Service must be ClusterIP, got ${service.spec.type}`);
    if (app === EDGE) checkEdgeManagementPort(containers[0], service, errors);
    if (
      !of('HorizontalPodAutoscaler').some(
        (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === app,
      )
    ) {
      errors.push(`${app}: HorizontalPodAutoscaler is missing`);
    }
    const policy = checkNetworkPolicy(app, declared.access, port, policies, errors);
    if (declared.messaging) checkMessaging(app, containers, policy, errors);

    if (declared.database) {
      const job = of('Job').find((j) => labelOf(j) === app && labelOf(j, COMPONENT) === 'migration');
      if (!job) errors.push(`${app}: database service without a migration Job`);
      else {
        for (const container of job.spec?.template?.spec?.containers ?? []) {
          if (!JSON.stringify([...(container.command ?? []), ...(container.args ?? [])]).includes('--migrate-only')) {
            errors.push(`${app}: migration Job must run --migrate-only`);
          }
          checkContainer(`${app}-migrate/${container.name}`, container, errors, { probes: false });
        }
      }
    }
  }

  for (const ingress of of('Ingress')) {
    const backends = (ingress.spec?.rules ?? [])
      .flatMap((rule) => rule.http?.paths ?? [])
      .map((p) => p.backend?.service?.name);
    if (ingress.spec?.defaultBackend) backends.push(ingress.spec.defaultBackend.service?.name);
    if (ingress.metadata?.name !== EDGE || backends.some((name) => name !== EDGE)) {
      errors.push(
        `Ingress/${ingress.metadata?.name}: only the edge (${EDGE}) may have an Ingress, routing to itself (backends: ${backends.join(', ')})`,
      );
    }
  }
  if (present.has(EDGE) && !of('Ingress').some((i) => i.metadata?.name === EDGE))
    errors.push(`${EDGE}: the edge needs an Ingress`);
  for (const service of of('Service')) {
    if (['NodePort', 'LoadBalancer'].includes(service.spec?.type))
      errors.push(`Service/${service.metadata?.name}: ${service.spec.type} bypasses the edge`);
  }
  return errors;
}

export async function validate(objects, options) {
  return [...(await schemaErrors(objects)), ...policyErrors(objects, workspaceApps(), options)];
}

// ------------------------------------------------------------------------------------------------------------- deploy

function kubectl(args, input) {
  if (input === '') return; // nothing of this kind to apply
  console.log(`$ kubectl ${args.join(' ')}`);
  execFileSync('kubectl', args, { input, stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'] });
}

async function deploy(app, { overlay, tag, registry, dryRun, out }) {
  if (!overlay) throw new Error('--overlay=<name> is required');
  const objects = render(overlay, { app, tag, registry });
  const errors = await validate(objects);
  const file = resolve(WORKSPACE, out ?? `dist/deploy/${app}.yaml`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toYaml(objects));
  if (errors.length > 0)
    throw new Error(`${app}: the rendered manifests (${file}) are invalid:\n  ${errors.join('\n  ')}`);
  const images = [
    ...new Set(
      objects
        .filter((o) => labelOf(o) === app)
        .flatMap((o) => o.spec?.template?.spec?.containers ?? [])
        .map((c) => c.image),
    ),
  ];
  console.log(
    `${app}: ${objects.length} objects rendered from overlays/${overlay} and validated → ${file} (image ${images.join(', ')})`,
  );
  if (dryRun) return;

  // Migrations first (Jobs are immutable: replace the previous one), then the rollout.
  const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata?.name ?? SYSTEM;
  const jobs = objects.filter((o) => o.kind === 'Job');
  const rest = objects.filter((o) => o.kind !== 'Job' && o.kind !== 'Deployment' && o.kind !== 'StatefulSet');
  kubectl(['apply', '-f', '-'], toYaml(rest));
  kubectl(['apply', '-f', '-'], toYaml(objects.filter((o) => o.kind === 'StatefulSet')));
  // A local cluster's PostgreSQL (overlays/local/datastores) starts empty: create the service's database (production
  // databases are created with the managed server, see deploy/README.md). Same name as in `local-secrets`.
  if (jobs.length > 0 && objects.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'postgres')) {
    kubectl(['-n', namespace, 'rollout', 'status', 'statefulset/postgres', '--timeout=300s']);
    const database = localDatabaseName(app);
    const script = `psql -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${database}'" | grep -q 1 || createdb -U postgres ${database}`;
    kubectl(['-n', namespace, 'exec', 'statefulset/postgres', '--', 'sh', '-c', script]);
  }
  for (const job of jobs) {
    kubectl(['-n', namespace, 'delete', 'job', job.metadata.name, '--ignore-not-found', '--wait=true']);
    kubectl(['apply', '-f', '-'], toYaml([job]));
    kubectl(['-n', namespace, 'wait', '--for=condition=complete', `job/${job.metadata.name}`, '--timeout=300s']);
  }
  kubectl(['apply', '-f', '-'], toYaml(objects.filter((o) => o.kind === 'Deployment')));
  kubectl(['-n', namespace, 'rollout', 'status', `deployment/${app}`, '--timeout=300s']);
}

const localDatabaseName = (app) => app.replace(/-/g, '_');

function localSecrets() {
  const random = () => randomBytes(24).toString('base64url');
  const pw = {
    POSTGRES_PASSWORD: random(),
    REDIS_PASSWORD: random(),
    RABBITMQ_PASSWORD: random(),
    MINIO_ROOT_PASSWORD: random(),
  };
  const secrets = {
    'datastore-secrets': pw,
    'platform-secrets': {
      SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: `redis://:${pw.REDIS_PASSWORD}@redis:6379`,
      AMQP_URL: `amqp://ms:${pw.RABBITMQ_PASSWORD}@rabbitmq:5672`,
      S3_ACCESS_KEY_ID: 'ms-minio',
      S3_SECRET_ACCESS_KEY: pw.MINIO_ROOT_PASSWORD,
    },
  };
  for (const app of workspaceApps().values()) {
    const values = {};
    if (app.database)
      values.DATABASE_URL = `postgres://postgres:${pw.POSTGRES_PASSWORD}@postgres:5432/${localDatabaseName(app.name)}`;
    if (app.name === 'user-management') values.USER_TOKEN_SECRET = randomBytes(32).toString('hex');
    if (Object.keys(values).length > 0) secrets[`${app.name}-secrets`] = values;
  }
  const objects = Object.entries(secrets).map(([name, stringData]) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: SYSTEM },
    type: 'Opaque',
    stringData,
  }));
  kubectl(['apply', '-f', '-'], toYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM } }]));
  // create only: re-running must not change passwords the data stores were initialised with
  for (const object of objects) {
    try {
      execFileSync('kubectl', ['-n', SYSTEM, 'create', '-f', '-'], {
        input: toYaml([object]),
        stdio: ['pipe', 'inherit', 'pipe'],
      });
    } catch (error) {
      if (!String(error.stderr).includes('AlreadyExists')) throw error;
      console.log(`secret/${object.metadata.name} exists: kept (delete it to regenerate)`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------- CLI

function parseArgs(argv) {
  const positional = [];
  const flags = {};
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) flags[match[1]] = match[2] ?? true;
    else positional.push(arg);
  }
  return { positional, flags };
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { positional, flags } = parseArgs(rest);
  const tag = flags.tag ?? process.env.TAG;
  const registry = flags.registry ?? process.env.REGISTRY;
  switch (command) {
    case 'render': {
      const text = toYaml(render(positional[0], { app: flags.app, tag, registry }));
      if (flags.out) writeFileSync(resolve(WORKSPACE, flags.out), text);
      else process.stdout.write(text);
      return;
    }
    case 'validate': {
      // several files: one schema load for all (--json prints { "<file>": [errors] })
      const results = {};
      for (const file of positional) {
        results[file] = await validate(parseObjects(readFileSync(file, 'utf8')), {
          allApps: Boolean(flags['all-apps']),
        });
      }
      const failed = Object.values(results).some((errors) => errors.length > 0);
      if (flags.json) console.log(JSON.stringify(results));
      else
        for (const [file, errors] of Object.entries(results))
          console.log(errors.length === 0 ? `${file}: valid` : `${file}:\n  ${errors.join('\n  ')}`);
      process.exitCode = failed ? 1 : 0;
      return;
    }
    case 'deploy':
      return deploy(positional[0], {
        overlay: flags.overlay,
        tag,
        registry,
        dryRun: Boolean(flags['dry-run']),
        out: flags.out,
      });
    case 'local-secrets':
      return localSecrets();
    default:
      throw new Error(
        'usage: k8s.mjs render|validate|deploy|local-secrets … (see the header of deploy/scripts/k8s.mjs)',
      );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
