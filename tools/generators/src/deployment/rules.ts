/**
 * The deployment rules of the system, each stated once: what a service's Kubernetes objects look like follows from
 * its contracts descriptor (name, accessibility, port, routes and their callers) and its persistence adapters (project
 * tags). manifests.ts builds the objects from these rules, validate.ts checks rendered objects against them, and the
 * generator, the service-targets plugin and the CLI (main.ts) read the constants from here.
 */

/** The shared manifests (base, overlays), and where the render writes them with the services' own (derived). */
export const K8S_SOURCE = 'deploy/k8s';
export const K8S_OUTPUT = 'dist/deploy/k8s';
/** The registry of every service (libs/contracts/registry): where the descriptors are listed. */
export const REGISTRY_SOURCE = 'libs/contracts/registry/src/index.ts';

/** Namespace of the system and the value of `app.kubernetes.io/part-of` on its pods (the NetworkPolicies use it). */
export const SYSTEM = 'microservices';
/** The edge: the only service with an Ingress, reachable only from the ingress controller. */
export const EDGE = 'gateway';
/** Image repository prefix of local builds (`docker-build` default REGISTRY); the production overlay rewrites it. */
export const LOCAL_REGISTRY = 'ms';
/** Production overlay's default registry: the ACR of deploy/terraform (its `acr_login_server` output). */
export const PRODUCTION_REGISTRY = 'msbootstrap.azurecr.io';

export const LABEL = {
  name: 'app.kubernetes.io/name',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  /** On a NetworkPolicy whose egress names EXTERNAL_CIDR_PLACEHOLDER: the overlays' kustomize `replacements` select it. */
  egressOutside: 'microservices/egress-outside',
} as const;

/** Project tags that declare a service's kind and adapters (written by the generator, read here). */
export const TAG = {
  app: 'type:app',
  database: 'persistence:database',
  cache: 'persistence:cache',
  fileStorage: 'persistence:file-storage',
  /** Services that publish or consume events (@ms/platform-messaging): they get AMQP_URL and the broker. */
  messaging: 'messaging:events',
} as const;

/** The persistence adapters (and messaging) a service uses, as its project tags declare them. */
export interface Adapters {
  database: boolean;
  cache: boolean;
  fileStorage: boolean;
  messaging: boolean;
}

export type AccessLevel = 'public' | 'internal' | 'hybrid';

/** What deployment needs of a service's contracts descriptor (a ServiceDescriptor of @ms/contracts-common fits). */
export interface DescribedService {
  readonly name: string;
  readonly accessibility: AccessLevel;
  readonly defaultPort: number;
  readonly routes: readonly { readonly access: 'public' | 'internal'; readonly callers?: readonly string[] }[];
}

/** A deployable service: its descriptor plus the adapters it uses. */
export interface ServiceDeployment {
  descriptor: DescribedService;
  adapters: Adapters;
}

export const adaptersFromTags = (tags: readonly string[]): Adapters => ({
  database: tags.includes(TAG.database),
  cache: tags.includes(TAG.cache),
  fileStorage: tags.includes(TAG.fileStorage),
  messaging: tags.includes(TAG.messaging),
});

/** The edge's port for probes, metrics and internal docs (the gateway's MANAGEMENT_PORT default). */
export const EDGE_MANAGEMENT_PORT = 3090;
/** Ports of the data stores a service reaches, by adapter: PostgreSQL; Redis and Redis over TLS; S3 (HTTPS) and MinIO. */
export const DATASTORE_PORTS = { database: [5432], cache: [6379, 6380], fileStorage: [443, 9000] } as const;
/** AMQP, and AMQP over TLS (what managed brokers offer). */
export const BROKER_PORTS = [5672, 5671] as const;
export const DNS_PORT = 53;
/**
 * Stands in a NetworkPolicy's ipBlock for the managed data stores' address range until an overlay replaces it with
 * platform-config's EXTERNAL_DATASTORES_CIDR (kustomize `replacements`); not a CIDR, so a forgotten replacement fails
 * validation.
 */
export const EXTERNAL_CIDR_PLACEHOLDER = 'EXTERNAL_DATASTORES_CIDR';
/** Where the edge's ingress controller runs: the only peer of the edge's NetworkPolicy. */
export const INGRESS_CONTROLLER = { namespace: 'ingress-nginx', name: 'ingress-nginx', className: 'nginx' } as const;

/** Shared configuration (ConfigMap) and secrets every service reads. */
export const PLATFORM_CONFIG = 'platform-config';
export const PLATFORM_SECRETS = 'platform-secrets';
export const serviceSecrets = (name: string) => `${name}-secrets`;
/** Environment variables that hold secrets: only ever by secretKeyRef, never a literal value in a manifest. */
export const SECRET_VARIABLE = /SECRET|PASSWORD|DATABASE_URL|REDIS_URL|AMQP_URL/;

export const PROBES = {
  live: '/health/live',
  ready: '/health/ready',
  startup: { periodSeconds: 2, failureThreshold: 30 },
  liveness: { periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
  readiness: { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
} as const;
/** Local defaults; the production overlay raises them for every service. */
export const RESOURCES = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '384Mi' },
} as const;
/** Local defaults; the production overlay raises the replica range for every service. */
export const HPA = { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 } as const;
/** uid/gid of the image's `node` user (numeric, so that runAsNonRoot can verify it). */
export const RUN_AS = 1000;
/** Writable scratch space (the root filesystem is read-only); MS_STATE_DIR lives in it. */
export const TMP = { mount: '/tmp', sizeLimit: '64Mi', stateDir: '/tmp/ms-state' } as const;
export const MIGRATE_ARGS = ['node', 'main.js', '--migrate-only'] as const;
export const MIGRATE_JOB = { backoffLimit: 3, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 } as const;
export const INGRESS_BODY_LIMIT = '2m';

export const migrateJobName = (name: string) => `${name}-migrate`;
export const isEdge = (service: DescribedService) => service.name === EDGE;

/** `PRODUCT_SEARCH_URL` for product-search: how every service finds it (platform-config). */
export const urlVariable = (name: string) => `${name.replace(/-/g, '_').toUpperCase()}_URL`;
export const serviceUrl = (service: DescribedService) => `http://${service.name}:${service.defaultPort}`;

export interface EnvRule {
  name: string;
  value?: string;
  /** The Secret holding it, under the variable's own name. */
  secret?: string;
}

/** A service's environment: its port, its state directory, and a secret per adapter it uses. */
export function environment({ descriptor, adapters }: ServiceDeployment): EnvRule[] {
  const env: EnvRule[] = [
    { name: 'PORT', value: String(descriptor.defaultPort) },
    { name: 'MS_STATE_DIR', value: TMP.stateDir },
    { name: 'SERVICE_TOKEN_SECRET', secret: PLATFORM_SECRETS },
  ];
  if (isEdge(descriptor)) env.push({ name: 'MANAGEMENT_PORT', value: String(EDGE_MANAGEMENT_PORT) });
  if (adapters.database) env.push({ name: 'DATABASE_URL', secret: serviceSecrets(descriptor.name) });
  if (adapters.cache) env.push({ name: 'REDIS_URL', secret: PLATFORM_SECRETS });
  if (adapters.messaging) env.push({ name: 'AMQP_URL', secret: PLATFORM_SECRETS });
  if (adapters.fileStorage) {
    env.push(
      { name: 'S3_ACCESS_KEY_ID', secret: PLATFORM_SECRETS },
      { name: 'S3_SECRET_ACCESS_KEY', secret: PLATFORM_SECRETS },
    );
  }
  return env;
}

/** The data stores' ports a service may reach (besides the broker's), from its adapters. */
export const datastorePorts = ({ database, cache, fileStorage }: Adapters): number[] => [
  ...(database ? DATASTORE_PORTS.database : []),
  ...(cache ? DATASTORE_PORTS.cache : []),
  ...(fileStorage ? DATASTORE_PORTS.fileStorage : []),
];

/** A pod (by labels), optionally in another namespace (by its namespace's labels). */
export interface Peer {
  pod: Record<string, string>;
  namespace?: Record<string, string>;
}

/**
 * Who may open a connection to a service, from its descriptor: the edge only from the ingress controller; any other
 * service from the edge when the edge fronts it (public or hybrid: its public routes and its /docs-json), and from
 * the callers its internal routes name. An internal route that names no callers admits every pod of the system.
 */
export function ingressPeers(service: DescribedService): Peer[] {
  if (isEdge(service)) {
    return [
      {
        pod: { [LABEL.name]: INGRESS_CONTROLLER.name },
        namespace: { 'kubernetes.io/metadata.name': INGRESS_CONTROLLER.namespace },
      },
    ];
  }
  const internal = service.routes.filter((route) => route.access === 'internal');
  if (internal.some((route) => !route.callers)) {
    const peers: Peer[] = [{ pod: { [LABEL.partOf]: SYSTEM } }];
    return service.accessibility === 'internal' ? peers : [...peers, { pod: { [LABEL.name]: EDGE } }];
  }
  const names = new Set<string>(service.accessibility === 'internal' ? [] : [EDGE]);
  for (const route of internal) for (const caller of route.callers ?? []) names.add(caller);
  return [...names].map((name) => ({ pod: { [LABEL.name]: name } }));
}

export const systemPods = { [LABEL.partOf]: SYSTEM };
export const kubeDns = {
  namespace: { 'kubernetes.io/metadata.name': 'kube-system' },
  pod: { 'k8s-app': 'kube-dns' },
} as const;

/**
 * What the image's HEALTHCHECK probes: the variable that may override the port, and its default (the service's port;
 * the edge's management port, since its public port answers 404 there).
 */
export function healthCheckPort(service: DescribedService): { variable: string; port: number } {
  return isEdge(service)
    ? { variable: 'MANAGEMENT_PORT', port: EDGE_MANAGEMENT_PORT }
    : { variable: 'PORT', port: service.defaultPort };
}
