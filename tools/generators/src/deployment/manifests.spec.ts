import { BILLING, CATALOG, EDGE_SERVICE, NOTES, SERVICES } from './fixtures';
import { deployment, migrateJob, networkPolicy, serviceManifests, serviceUrls } from './manifests';
import { ingressPeers } from './rules';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const kinds = (service: typeof CATALOG) => serviceManifests(service).map((object) => object.kind);
const egressPorts = (policy: Loose): number[] =>
  policy.spec.egress.flatMap((rule: Loose) => (rule.ports ?? []).map((p: Loose) => p.port));
const env = (service: typeof CATALOG) =>
  Object.fromEntries(
    (deployment(service).spec?.template.spec?.containers[0].env ?? []).map((v) => [v.name, v.value ?? v.valueFrom]),
  );

describe('a service deployment, derived from its descriptor and adapters', () => {
  it('has a Deployment, a ClusterIP Service, an HPA and a NetworkPolicy; a migration Job with a database; an Ingress at the edge', () => {
    expect(kinds(NOTES)).toEqual(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'NetworkPolicy']);
    expect(kinds(BILLING)).toEqual(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'Job']);
    expect(kinds(EDGE_SERVICE)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'Ingress',
    ]);
    expect(migrateJob(BILLING).spec?.template.spec?.containers[0].args).toEqual(['node', 'main.js', '--migrate-only']);
  });

  it("listens on the descriptor's port; the edge's probes and metrics are on its management port", () => {
    const catalog = deployment(CATALOG).spec?.template;
    expect(catalog?.spec?.containers[0].ports).toEqual([{ name: 'http', containerPort: 3101, protocol: 'TCP' }]);
    expect(catalog?.spec?.containers[0].readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(catalog?.metadata?.annotations?.['prometheus.io/port']).toBe('3101');
    const edge = deployment(EDGE_SERVICE).spec?.template;
    expect(edge?.spec?.containers[0].ports?.map((p) => p.name)).toEqual(['http', 'management']);
    expect(edge?.spec?.containers[0].livenessProbe?.httpGet?.port).toBe('management');
    expect(edge?.metadata?.annotations?.['prometheus.io/port']).toBe('3090');
    expect(env(EDGE_SERVICE)['MANAGEMENT_PORT']).toBe('3090');
  });

  it('gets a secret by reference for each adapter it uses, and no other', () => {
    const secret = (name: string, key: string) => ({ secretKeyRef: { name, key } });
    expect(env(CATALOG)).toEqual({
      PORT: '3101',
      MS_STATE_DIR: '/tmp/ms-state',
      SERVICE_TOKEN_SECRET: secret('platform-secrets', 'SERVICE_TOKEN_SECRET'),
      DATABASE_URL: secret('catalog-secrets', 'DATABASE_URL'),
      REDIS_URL: secret('platform-secrets', 'REDIS_URL'),
      AMQP_URL: secret('platform-secrets', 'AMQP_URL'),
      S3_ACCESS_KEY_ID: secret('platform-secrets', 'S3_ACCESS_KEY_ID'),
      S3_SECRET_ACCESS_KEY: secret('platform-secrets', 'S3_SECRET_ACCESS_KEY'),
    });
    expect(Object.keys(env(NOTES))).toEqual(['PORT', 'MS_STATE_DIR', 'SERVICE_TOKEN_SECRET']);
    // the migration Job runs with the same configuration as the service
    expect(migrateJob(BILLING).spec?.template.spec?.containers[0].env).toEqual(
      deployment(BILLING).spec?.template.spec?.containers[0].env,
    );
  });

  it('admits the ingress controller at the edge, the gateway where it fronts a service, and the callers the routes name', () => {
    const name = (value: string) => ({ pod: { 'app.kubernetes.io/name': value } });
    expect(ingressPeers(EDGE_SERVICE.descriptor)).toEqual([
      {
        pod: { 'app.kubernetes.io/name': 'ingress-nginx' },
        namespace: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      },
    ]);
    expect(ingressPeers(CATALOG.descriptor)).toEqual([name('gateway'), name('billing')]);
    expect(ingressPeers(BILLING.descriptor)).toEqual([name('gateway')]);
    // an internal route that names no callers: every pod of the system (the platform checks the token)
    expect(ingressPeers(NOTES.descriptor)).toEqual([{ pod: { 'app.kubernetes.io/part-of': 'microservices' } }]);
    const hybridSkeleton = { ...NOTES.descriptor, accessibility: 'hybrid' as const };
    expect(ingressPeers(hybridSkeleton)).toEqual([
      { pod: { 'app.kubernetes.io/part-of': 'microservices' } },
      name('gateway'),
    ]);
    // only on the service's port
    expect(networkPolicy(CATALOG).spec?.ingress?.[0].ports).toEqual([{ port: 3101, protocol: 'TCP' }]);
  });

  it('opens egress to DNS and the system, then only to the data stores and broker its adapters need, at named destinations', () => {
    expect(egressPorts(networkPolicy(NOTES))).toEqual([53, 53]);
    expect(egressPorts(networkPolicy(BILLING))).toEqual([53, 53, 5432, 5672, 5671]);
    expect(egressPorts(networkPolicy(CATALOG))).toEqual([53, 53, 5432, 6379, 6380, 443, 9000, 5672, 5671]);
    for (const service of SERVICES) {
      const policy: Loose = networkPolicy(service);
      for (const rule of policy.spec.egress) expect(rule.to.length).toBeGreaterThan(0);
      const cidrs = policy.spec.egress
        .flatMap((rule: Loose) => rule.to.map((peer: Loose) => peer.ipBlock?.cidr))
        .filter(Boolean);
      // outside the cluster: only the range an overlay fills in, and only then is the policy labelled for it
      expect(new Set(cidrs)).toEqual(new Set(cidrs.length ? ['EXTERNAL_DATASTORES_CIDR'] : []));
      expect(policy.metadata.labels['microservices/egress-outside']).toBe(cidrs.length ? 'true' : undefined);
    }
  });

  it("tells every service where the others are: platform-config's <NAME>_URL", () => {
    expect(serviceUrls(SERVICES)).toEqual({
      GATEWAY_URL: 'http://gateway:3000',
      CATALOG_URL: 'http://catalog:3101',
      BILLING_URL: 'http://billing:3104',
      NOTES_URL: 'http://notes:3105',
    });
  });
});
