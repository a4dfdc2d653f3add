export type Accessibility = 'public' | 'internal' | 'hybrid';
export type PersistenceAdapter = 'database' | 'file-storage' | 'cache';

export interface MicroserviceGeneratorSchema {
  name: string;
  accessibility: Accessibility;
  /** Adapters; `none` (or an empty list) for a stateless service. A comma-separated string is accepted too. */
  persistence: (PersistenceAdapter | 'none')[] | string;
  /** Events through @ms/platform-messaging (outbox + idempotent consumers). Needs `database` in `persistence`. */
  messaging?: boolean;
  team: string;
  port?: number;
}
