import { renderedSystem, SERVICES } from './fixtures';
import { isNarrowCidr, policyErrors, schemaErrors, validate } from './validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const find = (objects: Loose[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);
const errorsAfter = (mutate: (objects: Loose[]) => Loose[] | void) => {
  const objects: Loose[] = renderedSystem();
  const mutated = mutate(objects);
  return policyErrors(mutated ? mutated : objects, SERVICES, { allApps: true });
};

describe('validate', () => {
  jest.setTimeout(60_000);

  it('finds nothing wrong with what manifests.ts derives', () => {
    expect(validate(renderedSystem(), SERVICES, { allApps: true })).toEqual([]);
  });

  it('checks every object against the Kubernetes schemas', () => {
    const objects: Loose[] = renderedSystem();
    find(objects, 'Deployment', 'billing').spec.template.spec.containers[0].ports[0].containerPort = 'http-port';
    delete find(objects, 'Service', 'catalog').spec.ports[0].port;
    objects.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    const errors = schemaErrors(objects).join('\n');
    expect(errors).toMatch(/Deployment\/billing: .*containerPort must be integer/);
    expect(errors).toMatch(/Service\/catalog: .*must have required property '?port'?/);
    expect(errors).toContain('Widget/w: unknown apiVersion/kind example.com/v1 Widget');
  });

  // Each case breaks one rule; the validator must report exactly that.
  const cases: [string, (objects: Loose[]) => Loose[] | void, string[]][] = [
    [
      'a deleted NetworkPolicy',
      (objects) => objects.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'catalog')),
      ['catalog: expected exactly one NetworkPolicy selecting app.kubernetes.io/name=catalog, found 0'],
    ],
    [
      'no default deny',
      (objects) => objects.filter((o) => o.metadata.name !== 'default-deny'),
      ['namespace: a default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules) is required'],
    ],
    [
      'ingress from a peer the descriptor does not name (the world, another namespace, any pod of the system)',
      (objects) => {
        find(objects, 'NetworkPolicy', 'billing').spec.ingress[0].from.push({ ipBlock: { cidr: '0.0.0.0/0' } });
        find(objects, 'NetworkPolicy', 'catalog').spec.ingress[0].from.push({ namespaceSelector: {} });
        find(objects, 'NetworkPolicy', 'notes').spec.ingress[0].from.push({
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } },
        });
      },
      [
        'catalog (hybrid): NetworkPolicy allows ingress from {"namespaceSelector":{}}, not allowed for this service',
        'billing (internal): NetworkPolicy allows ingress from {"ipBlock":{"cidr":"0.0.0.0/0"}}, not allowed for this service',
        'notes (internal): NetworkPolicy allows ingress from {"podSelector":{"matchLabels":{"app.kubernetes.io/name":"gateway"}}}, not allowed for this service',
      ],
    ],
    [
      'a named caller left out, a rule without `from`, a rule on another port',
      (objects) => {
        find(objects, 'NetworkPolicy', 'catalog').spec.ingress[0].from.pop();
        const billing = find(objects, 'NetworkPolicy', 'billing').spec;
        billing.ingress = [{ ports: [{ port: 3104, protocol: 'TCP' }] }];
        find(objects, 'NetworkPolicy', 'notes').spec.ingress[0].ports[0].port = 8080;
      },
      [
        'catalog (hybrid): NetworkPolicy lacks ingress from {"pod":{"app.kubernetes.io/name":"billing"}}',
        'billing (internal): NetworkPolicy allows ingress from {"everyone":true}, not allowed for this service',
        'billing (internal): NetworkPolicy lacks ingress from {"pod":{"app.kubernetes.io/name":"gateway"}}',
        'notes: NetworkPolicy ingress must be limited to port 3105, got [8080]',
      ],
    ],
    [
      'egress without destinations, to the whole address space, to an unreplaced placeholder; no DNS',
      (objects) => {
        const catalog = find(objects, 'NetworkPolicy', 'catalog').spec.egress;
        delete catalog.find((rule: Loose) => rule.ports?.some((p: Loose) => p.port === 5432)).to;
        const billing = find(objects, 'NetworkPolicy', 'billing').spec.egress;
        billing.find((rule: Loose) => rule.ports?.some((p: Loose) => p.port === 5672)).to[1].ipBlock.cidr = '0.0.0.0/0';
        billing.find((rule: Loose) => rule.ports?.some((p: Loose) => p.port === 5432)).to[1].ipBlock.cidr =
          'EXTERNAL_DATASTORES_CIDR';
        const notes = find(objects, 'NetworkPolicy', 'notes').spec;
        notes.egress = notes.egress.filter((rule: Loose) => !rule.ports);
      },
      [
        'catalog: NetworkPolicy egress [{"port":5432,"protocol":"TCP"},{"port":6379,"protocol":"TCP"},{"port":6380,"protocol":"TCP"},{"port":443,"protocol":"TCP"},{"port":9000,"protocol":"TCP"}] must name destinations (to)',
        'billing: NetworkPolicy egress to ipBlock "EXTERNAL_DATASTORES_CIDR": must be an address range, not everything',
        'billing: NetworkPolicy egress to ipBlock "0.0.0.0/0": must be an address range, not everything',
        'notes: NetworkPolicy must allow DNS egress (port 53)',
      ],
    ],
    [
      'a policy that selects the pods but declares only Ingress',
      (objects) => {
        find(objects, 'NetworkPolicy', 'notes').spec.policyTypes = ['Ingress'];
      },
      ['notes: NetworkPolicy must declare policyTypes Ingress and Egress'],
    ],
    [
      'a messaging service without AMQP_URL, another without egress to the broker',
      (objects) => {
        const container = find(objects, 'Deployment', 'billing').spec.template.spec.containers[0];
        container.env = container.env.filter((v: Loose) => v.name !== 'AMQP_URL');
        const policy = find(objects, 'NetworkPolicy', 'catalog').spec;
        policy.egress = policy.egress.filter((rule: Loose) => !rule.ports?.some((p: Loose) => p.port === 5672));
      },
      [
        "catalog: messaging service's NetworkPolicy must allow egress to the broker, ports 5672 and 5671 (missing 5672, 5671)",
        'billing/billing: messaging service needs AMQP_URL from a secretKeyRef',
      ],
    ],
    [
      'a missing probe, a writable or privileged container, no limits, no /tmp, a literal secret',
      (objects) => {
        const pod = find(objects, 'Deployment', 'notes').spec.template;
        const container = pod.spec.containers[0];
        delete container.readinessProbe;
        container.livenessProbe.httpGet.path = '/';
        container.securityContext = {
          runAsNonRoot: false,
          readOnlyRootFilesystem: false,
          allowPrivilegeEscalation: true,
        };
        delete container.resources.limits.memory;
        container.volumeMounts = [];
        const secret = container.env.find((v: Loose) => v.name === 'SERVICE_TOKEN_SECRET');
        delete secret.valueFrom;
        secret.value = 'x'.repeat(32);
        pod.spec.securityContext.runAsNonRoot = false;
        pod.metadata.labels['app.kubernetes.io/part-of'] = 'other';
      },
      [
        'notes: pods must carry app.kubernetes.io/part-of=microservices',
        'notes: pod securityContext.runAsNonRoot must be true',
        'notes/notes: securityContext.runAsNonRoot must be true',
        'notes/notes: securityContext.readOnlyRootFilesystem must be true',
        'notes/notes: securityContext.allowPrivilegeEscalation must be false',
        'notes/notes: securityContext.capabilities.drop must include ALL',
        'notes/notes: resources.limits.memory is required',
        'notes/notes: /tmp must be a writable volume',
        'notes/notes: livenessProbe must GET /health/live',
        'notes/notes: readinessProbe must GET /health/ready',
        'notes/notes: SERVICE_TOKEN_SECRET must come from a secretKeyRef, not a literal value',
      ],
    ],
    [
      "the edge's probes on its public port, its management port exposed, MANAGEMENT_PORT wrong",
      (objects) => {
        const container = find(objects, 'Deployment', 'gateway').spec.template.spec.containers[0];
        container.readinessProbe.httpGet.port = 'http';
        container.env.find((v: Loose) => v.name === 'MANAGEMENT_PORT').value = '9999';
        find(objects, 'Service', 'gateway').spec.ports.push({
          name: 'management',
          port: 3090,
          targetPort: 'management',
        });
      },
      [
        'gateway: MANAGEMENT_PORT must be 3090, the management port',
        'gateway: readinessProbe must use the management port, not "http"',
        'gateway: its Service must not expose the management port',
      ],
    ],
    [
      'a database service without its migration Job, another whose Job does not migrate',
      (objects) => {
        find(objects, 'Job', 'catalog-migrate').spec.template.spec.containers[0].args = ['node', 'main.js'];
        return objects.filter((o) => !(o.kind === 'Job' && o.metadata.name === 'billing-migrate'));
      },
      ['catalog: migration Job must run --migrate-only', 'billing: database service without a migration Job'],
    ],
    [
      'an Ingress for another service, the edge without one, a LoadBalancer, a missing Service and HPA',
      (objects) => {
        const ingress = find(objects, 'Ingress', 'gateway');
        ingress.metadata.name = 'catalog';
        ingress.spec.rules[0].http.paths[0].backend.service = { name: 'catalog', port: { number: 3101 } };
        find(objects, 'Service', 'billing').spec.type = 'LoadBalancer';
        return objects.filter(
          (o) => !(o.metadata.name === 'notes' && ['Service', 'HorizontalPodAutoscaler'].includes(o.kind)),
        );
      },
      [
        'billing: Service must be ClusterIP, got LoadBalancer',
        'notes: Service is missing',
        'notes: HorizontalPodAutoscaler is missing',
        'Ingress/catalog: only the edge (gateway) may have an Ingress, routing to itself (backends: catalog)',
        'gateway: the edge needs an Ingress',
        'Service/billing: LoadBalancer bypasses the edge',
      ],
    ],
    [
      'a service missing from a whole overlay, a Deployment of a service the registry does not know',
      (objects) => {
        const stranger = structuredClone(find(objects, 'Deployment', 'notes'));
        stranger.metadata.labels['app.kubernetes.io/name'] = 'stranger';
        return [...objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/name'] !== 'notes'), stranger];
      },
      [
        'notes: no Deployment in the rendered manifests',
        'stranger: Deployment of an unknown service (not in the registry, libs/contracts/registry)',
      ],
    ],
  ];

  it.each(cases)('reports %s', (_title, mutate, expected) => {
    expect(errorsAfter(mutate)).toEqual(expected);
  });

  it("checks one app's deploy without asking for the others", () => {
    const objects: Loose[] = renderedSystem().filter((o) =>
      ['default-deny', 'billing', 'billing-migrate'].includes(o.metadata.name),
    );
    expect(policyErrors(objects, SERVICES)).toEqual([]);
    expect(policyErrors(objects, SERVICES, { allApps: true })).toHaveLength(3);
  });

  it('takes an address range for a CIDR, never the whole address space', () => {
    expect(['10.30.0.0/24', '192.0.2.0/32', 'fd00::/8'].filter(isNarrowCidr)).toHaveLength(3);
    expect(['0.0.0.0/0', '::/0', '10.0.0.0/33', 'EXTERNAL_DATASTORES_CIDR', '10.0.0.0'].filter(isNarrowCidr)).toEqual(
      [],
    );
  });
});
