import type { ServiceCaller, ServiceDescriptor, ServiceRequest } from '@ms/contracts-common';
import { GatewayClient } from './gateway.client';
import { GATEWAY_SERVICE } from './gateway.service';

/** Records calls instead of sending them: the client's job is to build the right request for the route table. */
class RecordingCaller implements ServiceCaller {
  readonly calls: { target: ServiceDescriptor; request: ServiceRequest }[] = [];
  async call<T>(target: ServiceDescriptor, request: ServiceRequest): Promise<T> {
    this.calls.push({ target, request });
    return {} as T;
  }
}

const routeKeys = new Set(GATEWAY_SERVICE.routes.map((route) => `${route.method} ${route.path}`));

describe('GatewayClient', () => {
  const caller = new RecordingCaller();
  const client = new GatewayClient(caller);

  it('calls routes that exist in the route table', async () => {
    await client.info();
    for (const { target, request } of caller.calls) {
      expect(target.name).toBe('gateway');
      const template = request.path.replace(/\/[^/]*%2F[^/]*$/, '/:id');
      expect(routeKeys.has(`${request.method} ${template}`) || routeKeys.has(`${request.method} ${request.path}`)).toBe(true);
    }
  });
});
