import { isIP } from 'node:net';
import type { K8sObject } from './manifests';
import {
  BROKER_PORTS,
  DNS_PORT,
  EDGE,
  ingressPeers,
  isEdge,
  LABEL,
  MIGRATE_ARGS,
  PROBES,
  SECRET_VARIABLE,
  SYSTEM,
  TMP,
  type Peer,
  type ServiceDeployment,
} from './rules';

/**
 * Validation of rendered objects (whatever kustomize made of them, or a hand-edited copy): every object against the
 * Kubernetes OpenAPI schemas (npm `kubernetes-models`), then the rules of this system (rules.ts) for each service.
 */

// Rendered objects are untyped YAML: read them defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

type Model = new (data: unknown) => { validate(): void };
const models = new Map<string, Model | undefined>();

function modelFor(apiVersion: string, kind: string): Model | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
    const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
    try {
      models.set(key, require(path)[kind] as Model | undefined);
    } catch {
      models.set(key, undefined);
    }
  }
  return models.get(key);
}

/** Schema validation of every object against the Kubernetes OpenAPI schemas shipped by `kubernetes-models`. */
export function schemaErrors(objects: readonly Loose[]): string[] {
  const errors: string[] = [];
  for (const object of objects) {
    const id = `${object?.kind}/${object?.metadata?.name}`;
    if (!object?.apiVersion || !object?.kind) {
      errors.push(`${id}: apiVersion and kind are required`);
      continue;
    }
    const Model = modelFor(object.apiVersion, object.kind);
    if (!Model) {
      errors.push(`${id}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${id}: ${(error as Error).message}`);
    }
  }
  return errors;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const labelOf = (object: Loose, label: string = LABEL.name): string | undefined => object?.metadata?.labels?.[label];
const peerMatches = (peer: Loose, want: Peer) =>
  same(peer.podSelector?.matchLabels, want.pod) &&
  same(peer.namespaceSelector?.matchLabels, want.namespace) &&
  !peer.ipBlock;

/** An IPv4 or IPv6 CIDR that is not the whole address space (0.0.0.0/0, ::/0). */
export function isNarrowCidr(cidr: string): boolean {
  const match = /^([0-9a-fA-F.:]+)\/(\d{1,3})$/.exec(cidr);
  if (!match || isIP(match[1]) === 0) return false;
  const bits = Number(match[2]);
  return bits > 0 && bits <= (isIP(match[1]) === 6 ? 128 : 32);
}

/** Checks the service's NetworkPolicy against its descriptor; returns the policy (undefined when it is missing). */
function checkNetworkPolicy(service: ServiceDeployment, policies: Loose[], errors: string[]): Loose {
  const { name, accessibility, defaultPort } = service.descriptor;
  const own = policies.filter((policy) => same(policy.spec?.podSelector?.matchLabels, { [LABEL.name]: name }));
  if (own.length !== 1) {
    errors.push(`${name}: expected exactly one NetworkPolicy selecting ${LABEL.name}=${name}, found ${own.length}`);
    return undefined;
  }
  const [policy] = own;
  const level = isEdge(service.descriptor) ? 'edge' : accessibility;
  const types: string[] = policy.spec.policyTypes ?? [];
  if (!types.includes('Ingress') || !types.includes('Egress'))
    errors.push(`${name}: NetworkPolicy must declare policyTypes Ingress and Egress`);
  const expected = ingressPeers(service.descriptor);
  const rules: Loose[] = policy.spec.ingress ?? [];
  // a rule without `from` admits everyone
  const peers: Loose[] = rules.flatMap((rule) => rule.from ?? [{ everyone: true }]);
  for (const peer of peers) {
    if (!expected.some((want) => peerMatches(peer, want)))
      errors.push(
        `${name} (${level}): NetworkPolicy allows ingress from ${JSON.stringify(peer)}, not allowed for this service`,
      );
  }
  for (const want of expected) {
    if (!peers.some((peer) => peerMatches(peer, want)))
      errors.push(`${name} (${level}): NetworkPolicy lacks ingress from ${JSON.stringify(want)}`);
  }
  for (const rule of rules) {
    const ports = (rule.ports ?? []).map((p: Loose) => p.port);
    if (ports.length !== 1 || ports[0] !== defaultPort)
      errors.push(
        `${name}: NetworkPolicy ingress must be limited to port ${defaultPort}, got ${JSON.stringify(ports)}`,
      );
  }
  const egress: Loose[] = policy.spec.egress ?? [];
  if (!egress.some((rule) => (rule.ports ?? []).some((p: Loose) => p.port === DNS_PORT)))
    errors.push(`${name}: NetworkPolicy must allow DNS egress (port ${DNS_PORT})`);
  for (const rule of egress) {
    // A rule without `to` opens its ports towards every address there is.
    if (!rule.to?.length)
      errors.push(
        `${name}: NetworkPolicy egress ${JSON.stringify(rule.ports ?? 'all ports')} must name destinations (to)`,
      );
    for (const peer of rule.to ?? []) {
      const cidr = peer.ipBlock?.cidr;
      if (cidr !== undefined && !isNarrowCidr(cidr))
        errors.push(
          `${name}: NetworkPolicy egress to ipBlock ${JSON.stringify(cidr)}: must be an address range, not everything`,
        );
    }
  }
  return policy;
}

/**
 * The edge is the public entry: its probes, metrics and internal docs live on a port of their own (`management`),
 * which the kubelet reaches on the pod and which its Service (what the Ingress forwards to) never exposes.
 */
function checkEdgeManagementPort(container: Loose, service: Loose, errors: string[]): void {
  const management = (container?.ports ?? []).find((p: Loose) => p.name === 'management');
  if (!management) {
    errors.push(`${EDGE}: the edge container needs a port named management (MANAGEMENT_PORT)`);
    return;
  }
  const env = (container.env ?? []).find((variable: Loose) => variable.name === 'MANAGEMENT_PORT');
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

/**
 * A messaging service without the broker would still look healthy (its readiness reports messaging as degraded, not
 * down) while its events pile up in the outbox: so its AMQP_URL and the egress to the broker are required here.
 */
function checkMessaging(name: string, containers: Loose[], policy: Loose, errors: string[]): void {
  for (const container of containers) {
    const amqp = (container.env ?? []).find((variable: Loose) => variable.name === 'AMQP_URL');
    if (!amqp?.valueFrom?.secretKeyRef)
      errors.push(`${name}/${container.name}: messaging service needs AMQP_URL from a secretKeyRef`);
  }
  if (!policy) return;
  const open = new Set(
    (policy.spec.egress ?? []).flatMap((rule: Loose) => (rule.ports ?? []).map((p: Loose) => p.port)),
  );
  const missing = BROKER_PORTS.filter((port) => !open.has(port));
  if (missing.length > 0) {
    errors.push(
      `${name}: messaging service's NetworkPolicy must allow egress to the broker, ports ${BROKER_PORTS.join(' and ')} (missing ${missing.join(', ')})`,
    );
  }
}

function checkContainer(id: string, container: Loose, errors: string[], { probes }: { probes: boolean }): void {
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
  if (!(container.volumeMounts ?? []).some((mount: Loose) => mount.mountPath === TMP.mount))
    errors.push(`${id}: ${TMP.mount} must be a writable volume`);
  if (probes) {
    if (container.livenessProbe?.httpGet?.path !== PROBES.live)
      errors.push(`${id}: livenessProbe must GET ${PROBES.live}`);
    if (container.readinessProbe?.httpGet?.path !== PROBES.ready)
      errors.push(`${id}: readinessProbe must GET ${PROBES.ready}`);
  }
  for (const variable of container.env ?? []) {
    if (SECRET_VARIABLE.test(variable.name) && variable.value !== undefined)
      errors.push(`${id}: ${variable.name} must come from a secretKeyRef, not a literal value`);
  }
}

export interface PolicyOptions {
  /** Every service must be present (a whole overlay), else the services found are checked (one app's deploy). */
  allApps?: boolean;
}

/** The rules of this system over rendered objects, for the given services (the registry's, with their adapters). */
export function policyErrors(
  objects: readonly Loose[],
  services: readonly ServiceDeployment[],
  { allApps = false }: PolicyOptions = {},
): string[] {
  const errors: string[] = [];
  const of = (kind: string) => objects.filter((object) => object?.kind === kind);
  const policies = of('NetworkPolicy');
  const deployments = of('Deployment').filter((d) => labelOf(d, LABEL.component) === 'service');
  const present = new Set(deployments.map((d) => labelOf(d)));
  const known = new Map(services.map((service) => [service.descriptor.name, service]));
  if (allApps)
    for (const name of known.keys())
      if (!present.has(name)) errors.push(`${name}: no Deployment in the rendered manifests`);

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
    const name = labelOf(deployment) as string;
    const service = known.get(name);
    if (!service) {
      errors.push(`${name}: Deployment of an unknown service (not in the registry, libs/contracts/registry)`);
      continue;
    }
    const pod = deployment.spec?.template;
    if (labelOf(pod, LABEL.partOf) !== SYSTEM) errors.push(`${name}: pods must carry ${LABEL.partOf}=${SYSTEM}`);
    if (pod?.spec?.securityContext?.runAsNonRoot !== true)
      errors.push(`${name}: pod securityContext.runAsNonRoot must be true`);
    const containers: Loose[] = pod?.spec?.containers ?? [];
    if (containers.length === 0) errors.push(`${name}: Deployment has no containers`);
    for (const container of containers)
      checkContainer(`${name}/${container.name}`, container, errors, { probes: true });

    const clusterService = of('Service').find((s) => s.metadata?.name === name);
    if (!clusterService) errors.push(`${name}: Service is missing`);
    else if ((clusterService.spec?.type ?? 'ClusterIP') !== 'ClusterIP')
      errors.push(`${name}: Service must be ClusterIP, got ${clusterService.spec.type}`);
    if (name === EDGE) checkEdgeManagementPort(containers[0], clusterService, errors);
    if (
      !of('HorizontalPodAutoscaler').some(
        (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === name,
      )
    )
      errors.push(`${name}: HorizontalPodAutoscaler is missing`);
    const policy = checkNetworkPolicy(service, policies, errors);
    if (service.adapters.messaging) checkMessaging(name, containers, policy, errors);

    if (service.adapters.database) {
      const job = of('Job').find((j) => labelOf(j) === name && labelOf(j, LABEL.component) === 'migration');
      if (!job) errors.push(`${name}: database service without a migration Job`);
      for (const container of job?.spec?.template?.spec?.containers ?? []) {
        if (!JSON.stringify([...(container.command ?? []), ...(container.args ?? [])]).includes(MIGRATE_ARGS[2]))
          errors.push(`${name}: migration Job must run ${MIGRATE_ARGS[2]}`);
        checkContainer(`${name}-migrate/${container.name}`, container, errors, { probes: false });
      }
    }
  }

  for (const ingress of of('Ingress')) {
    const backends: string[] = (ingress.spec?.rules ?? [])
      .flatMap((rule: Loose) => rule.http?.paths ?? [])
      .map((p: Loose) => p.backend?.service?.name);
    if (ingress.spec?.defaultBackend) backends.push(ingress.spec.defaultBackend.service?.name);
    if (ingress.metadata?.name !== EDGE || backends.some((backend) => backend !== EDGE)) {
      errors.push(
        `Ingress/${ingress.metadata?.name}: only the edge (${EDGE}) may have an Ingress, routing to itself (backends: ${backends.join(', ')})`,
      );
    }
  }
  if (present.has(EDGE) && !of('Ingress').some((i) => i.metadata?.name === EDGE))
    errors.push(`${EDGE}: the edge needs an Ingress`);
  for (const clusterService of of('Service')) {
    if (['NodePort', 'LoadBalancer'].includes(clusterService.spec?.type))
      errors.push(`Service/${clusterService.metadata?.name}: ${clusterService.spec.type} bypasses the edge`);
  }
  return errors;
}

/** Schema errors, then the system's rules. */
export function validate(
  objects: readonly K8sObject[] | readonly Loose[],
  services: readonly ServiceDeployment[],
  options?: PolicyOptions,
): string[] {
  return [...schemaErrors(objects), ...policyErrors(objects, services, options)];
}
