import type { ServiceDescriptor } from '@ms/contracts-common';
import { ReadinessRegistry } from '../health/readiness.registry';
import { ServiceInfo } from './service-info';

const SERVICE: ServiceDescriptor = { name: 'parcels', accessibility: 'hybrid', defaultPort: 3999, routes: [] };
const up = async () => ({});

describe('ServiceInfo', () => {
  it('answers the descriptor and the persistence adapters the service runs with, in a stable order', () => {
    const readiness = new ReadinessRegistry();
    readiness.register('cache', up);
    readiness.register('messaging', up); // not a persistence adapter
    readiness.register('database', up);
    expect(new ServiceInfo(SERVICE, readiness).describe()).toEqual({
      name: 'parcels',
      accessibility: 'hybrid',
      persistence: ['database', 'cache'],
    });
  });

  it('answers no persistence for a service without adapters', () => {
    expect(new ServiceInfo(SERVICE, new ReadinessRegistry()).describe().persistence).toEqual([]);
  });
});
