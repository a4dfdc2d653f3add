export type Accessibility = 'public' | 'internal' | 'hybrid';
export type PersistenceAdapter = 'database' | 'file-storage' | 'cache';

export interface MicroserviceGeneratorSchema {
  name: string;
  accessibility: Accessibility;
  /** Adapters; `none` (or an empty list) for a stateless service. A comma-separated string is accepted too. */
  persistence: (PersistenceAdapter | 'none')[] | string;
  team: string;
  port?: number;
}
