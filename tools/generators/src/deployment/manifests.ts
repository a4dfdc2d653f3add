import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IContainer, IEnvVar, IService } from 'kubernetes-models/v1';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import {
  BROKER_PORTS,
  datastorePorts,
  DNS_PORT,
  EDGE_MANAGEMENT_PORT,
  environment,
  EXTERNAL_CIDR_PLACEHOLDER,
  HPA,
  INGRESS_BODY_LIMIT,
  INGRESS_CONTROLLER,
  isEdge,
  kubeDns,
  LABEL,
  LOCAL_REGISTRY,
  MIGRATE_ARGS,
  MIGRATE_JOB,
  migrateJobName,
  ingressPeers,
  PLATFORM_CONFIG,
  PROBES,
  RESOURCES,
  RUN_AS,
  serviceSecrets,
  serviceUrl,
  SYSTEM,
  systemPods,
  TMP,
  urlVariable,
  type Peer,
  type ServiceDeployment,
} from './rules';

/**
 * A service's Kubernetes objects, derived from its descriptor and adapters by the rules of rules.ts: Deployment,
 * Service (ClusterIP), HorizontalPodAutoscaler, NetworkPolicy, a migration Job for a database service and an Ingress
 * for the edge. Images are `ms/<service>:latest`; the overlays and `deploy --tag/--registry` pin them.
 */
export type K8sObject =
  | IDeployment
  | IService
  | IHorizontalPodAutoscaler
  | INetworkPolicy
  | IJob
  | IIngress
  | { apiVersion: string; kind: string; metadata?: { name?: string; labels?: Record<string, string> } };

export const localImage = (name: string) => `${LOCAL_REGISTRY}/${name}:latest`;

const labels = (name: string, component = 'service') => ({
  [LABEL.name]: name,
  [LABEL.component]: component,
  [LABEL.partOf]: SYSTEM,
});

const envVar = ({ name, value, secret }: ReturnType<typeof environment>[number]): IEnvVar =>
  secret ? { name, valueFrom: { secretKeyRef: { name: secret, key: name } } } : { name, value };

/** What the service's container and its migration Job's container share: image, configuration, limits, hardening. */
function containerBase(service: ServiceDeployment, name: string): IContainer {
  const app = service.descriptor.name;
  return {
    name,
    image: localImage(app),
    imagePullPolicy: 'IfNotPresent',
    envFrom: [
      { configMapRef: { name: PLATFORM_CONFIG } },
      // service-specific secrets (e.g. USER_TOKEN_SECRET); created outside git, see deploy/README.md
      { secretRef: { name: serviceSecrets(app), optional: true } },
    ],
    env: environment(service).map(envVar),
    resources: structuredClone(RESOURCES) as IContainer['resources'],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: TMP.mount }],
  };
}

const podSecurity = (fsGroup: boolean) => ({
  runAsNonRoot: true,
  runAsUser: RUN_AS,
  runAsGroup: RUN_AS,
  ...(fsGroup ? { fsGroup: RUN_AS } : {}),
  seccompProfile: { type: 'RuntimeDefault' as const },
});
const tmpVolume = () => [{ name: 'tmp', emptyDir: { sizeLimit: TMP.sizeLimit } }];

export function deployment(service: ServiceDeployment): IDeployment {
  const { name, defaultPort: port } = service.descriptor;
  const edge = isEdge(service.descriptor);
  // the edge answers probes and metrics only on its management port (its Service never exposes it)
  const probePort = edge ? 'management' : 'http';
  const base = containerBase(service, name);
  const container: IContainer = {
    name: base.name,
    image: base.image,
    imagePullPolicy: base.imagePullPolicy,
    ports: [
      { name: 'http', containerPort: port, protocol: 'TCP' as const },
      ...(edge ? [{ name: 'management', containerPort: EDGE_MANAGEMENT_PORT, protocol: 'TCP' as const }] : []),
    ],
    envFrom: base.envFrom,
    env: base.env,
    startupProbe: { httpGet: { path: PROBES.live, port: probePort }, ...PROBES.startup },
    livenessProbe: { httpGet: { path: PROBES.live, port: probePort }, ...PROBES.liveness },
    readinessProbe: { httpGet: { path: PROBES.ready, port: probePort }, ...PROBES.readiness },
    resources: base.resources,
    securityContext: base.securityContext,
    volumeMounts: base.volumeMounts,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(name) },
    spec: {
      // no `replicas`: the HorizontalPodAutoscaler owns the replica count
      revisionHistoryLimit: 3,
      selector: { matchLabels: { [LABEL.name]: name, [LABEL.component]: 'service' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labels(name),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(edge ? EDGE_MANAGEMENT_PORT : port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: podSecurity(true),
          containers: [container],
          volumes: tmpVolume(),
        },
      },
    },
  };
}

export function clusterService({ descriptor: { name, defaultPort } }: ServiceDeployment): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labels(name) },
    spec: {
      // ClusterIP only: nothing is exposed outside the cluster except through the edge's Ingress
      type: 'ClusterIP',
      selector: { [LABEL.name]: name, [LABEL.component]: 'service' },
      ports: [{ name: 'http', port: defaultPort, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

export function autoscaler({ descriptor: { name } }: ServiceDeployment): IHorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, labels: labels(name) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: HPA.minReplicas,
      maxReplicas: HPA.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: HPA.cpuUtilization } },
        },
      ],
    },
  };
}

const toPeer = ({ pod, namespace }: Peer): INetworkPolicyPeer => ({
  ...(namespace ? { namespaceSelector: { matchLabels: namespace } } : {}),
  podSelector: { matchLabels: pod },
});
const tcp = (ports: readonly number[]) => ports.map((port) => ({ port, protocol: 'TCP' as const }));
/** In-cluster data stores (the local overlay) and the managed ones' address range (set per overlay). */
const datastores = (): INetworkPolicyPeer[] => [
  { podSelector: { matchLabels: { [LABEL.component]: 'datastore' } } },
  { ipBlock: { cidr: EXTERNAL_CIDR_PLACEHOLDER } },
];

/**
 * Default deny is the namespace's (deploy/k8s/base); this opens only what the service needs: ingress on its port from
 * the peers its descriptor names, egress to DNS, the other services, and the data stores and broker it uses.
 */
export function networkPolicy(service: ServiceDeployment): INetworkPolicy {
  const { name, defaultPort } = service.descriptor;
  const stores = datastorePorts(service.adapters);
  const outside = stores.length > 0 || service.adapters.messaging;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: { ...labels(name), ...(outside ? { [LABEL.egressOutside]: 'true' } : {}) } },
    spec: {
      podSelector: { matchLabels: { [LABEL.name]: name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: ingressPeers(service.descriptor).map(toPeer), ports: tcp([defaultPort]) }],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: kubeDns.namespace }, podSelector: { matchLabels: kubeDns.pod } }],
          ports: [
            { port: DNS_PORT, protocol: 'UDP' as const },
            { port: DNS_PORT, protocol: 'TCP' as const },
          ],
        },
        { to: [{ podSelector: { matchLabels: systemPods } }] },
        ...(stores.length > 0 ? [{ to: datastores(), ports: tcp(stores) }] : []),
        ...(service.adapters.messaging ? [{ to: datastores(), ports: tcp(BROKER_PORTS) }] : []),
      ],
    },
  };
}

/**
 * Runs the committed migrations before a rollout (services do not migrate at start in production). Jobs are
 * immutable: `deploy` deletes the previous one, applies this, waits, then rolls out.
 */
export function migrateJob(service: ServiceDeployment): IJob {
  const { name } = service.descriptor;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: migrateJobName(name), labels: labels(name, 'migration') },
    spec: {
      ...MIGRATE_JOB,
      template: {
        metadata: { labels: labels(name, 'migration') },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurity(false),
          containers: [migrateContainer(service)],
          volumes: tmpVolume(),
        },
      },
    },
  };
}

function migrateContainer(service: ServiceDeployment): IContainer {
  const { name, image, imagePullPolicy, ...rest } = containerBase(service, 'migrate');
  return { name, image, imagePullPolicy, args: [...MIGRATE_ARGS], ...rest };
}

/** The only Ingress of the system: everything from outside enters through the edge. Overlays set host and TLS. */
export function ingress({ descriptor: { name, defaultPort } }: ServiceDeployment): IIngress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      labels: labels(name),
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': INGRESS_BODY_LIMIT },
    },
    spec: {
      ingressClassName: INGRESS_CONTROLLER.className,
      rules: [
        {
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: defaultPort } } } }],
          },
        },
      ],
    },
  };
}

/** Every object of one service, in the order they are applied. */
export function serviceManifests(service: ServiceDeployment): K8sObject[] {
  const objects: K8sObject[] = [
    deployment(service),
    clusterService(service),
    autoscaler(service),
    networkPolicy(service),
  ];
  if (service.adapters.database) objects.push(migrateJob(service));
  if (isEdge(service.descriptor)) objects.push(ingress(service));
  return objects;
}

/** platform-config's entries that tell every service where the others are (`PRODUCT_SEARCH_URL: http://…:3101`). */
export function serviceUrls(services: readonly ServiceDeployment[]): Record<string, string> {
  return Object.fromEntries(services.map(({ descriptor }) => [urlVariable(descriptor.name), serviceUrl(descriptor)]));
}
