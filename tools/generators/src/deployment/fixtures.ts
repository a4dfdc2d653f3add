import type { K8sObject } from './manifests';
import { serviceManifests } from './manifests';
import type { Adapters, ServiceDeployment } from './rules';

/** A small system for the deployment specs: the edge, a hybrid, an internal and a skeleton service. */
const none: Adapters = { database: false, cache: false, fileStorage: false, messaging: false };

export const EDGE_SERVICE: ServiceDeployment = {
  descriptor: { name: 'gateway', accessibility: 'public', defaultPort: 3000, routes: [{ access: 'public' }] },
  adapters: none,
};
/** Hybrid, every adapter; its internal route is for billing alone. */
export const CATALOG: ServiceDeployment = {
  descriptor: {
    name: 'catalog',
    accessibility: 'hybrid',
    defaultPort: 3101,
    routes: [{ access: 'public' }, { access: 'internal', callers: ['billing'] }],
  },
  adapters: { database: true, cache: true, fileStorage: true, messaging: true },
};
/** Internal, database and events; called by the gateway alone. */
export const BILLING: ServiceDeployment = {
  descriptor: {
    name: 'billing',
    accessibility: 'internal',
    defaultPort: 3104,
    routes: [{ access: 'internal', callers: ['gateway'] }],
  },
  adapters: { ...none, database: true, messaging: true },
};
/** Internal, a generated skeleton: its route names no callers yet. */
export const NOTES: ServiceDeployment = {
  descriptor: { name: 'notes', accessibility: 'internal', defaultPort: 3105, routes: [{ access: 'internal' }] },
  adapters: none,
};
export const SERVICES = [EDGE_SERVICE, CATALOG, BILLING, NOTES];

/** The namespace's default deny (deploy/k8s/base) and every service's objects, as an overlay would render them. */
export function renderedSystem(cidr = '10.30.0.0/24'): K8sObject[] {
  const objects: K8sObject[] = [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    ...SERVICES.flatMap(serviceManifests),
  ];
  // what the overlays' kustomize `replacements` do with EXTERNAL_DATASTORES_CIDR
  return JSON.parse(JSON.stringify(objects).replace(/"EXTERNAL_DATASTORES_CIDR"/g, JSON.stringify(cidr)));
}
