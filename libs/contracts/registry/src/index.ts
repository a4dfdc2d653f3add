import type { ServiceDescriptor } from '@ms/contracts-common';
// <registry-imports>

/** Every service of the system. Maintained by `nx g @ms/generators:microservice` / `remove-microservice`. */
export const SERVICES: readonly ServiceDescriptor[] = [
  // <registry-entries>
];
