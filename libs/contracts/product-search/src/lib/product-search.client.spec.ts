import type { ServiceCaller, ServiceDescriptor, ServiceRequest } from '@ms/contracts-common';
import { ProductSearchClient } from './product-search.client';
import { PRODUCT_SEARCH_SERVICE } from './product-search.service';

/** Records calls instead of sending them: the client's job is to build the right request for the route table. */
class RecordingCaller implements ServiceCaller {
  readonly calls: { target: ServiceDescriptor; request: ServiceRequest }[] = [];
  async call<T>(target: ServiceDescriptor, request: ServiceRequest): Promise<T> {
    this.calls.push({ target, request });
    return {} as T;
  }
}

const routeKeys = new Set(PRODUCT_SEARCH_SERVICE.routes.map((route) => `${route.method} ${route.path}`));

describe('ProductSearchClient', () => {
  const caller = new RecordingCaller();
  const client = new ProductSearchClient(caller);

  it('calls routes that exist in the route table', async () => {
    await client.info();
    await client.createItem({ name: 'x' });
    await client.listItems({ page: 2 });
    await client.getItem('a/b');
    await client.summary();
    for (const { target, request } of caller.calls) {
      expect(target.name).toBe('product-search');
      const template = request.path.replace(/\/[^/]*%2F[^/]*$/, '/:id');
      expect(routeKeys.has(`${request.method} ${template}`) || routeKeys.has(`${request.method} ${request.path}`)).toBe(true);
    }
  });

  it('encodes path parameters and passes queries', async () => {
    caller.calls.length = 0;
    await client.getItem('a/b');
    await client.listItems({ page: 2, pageSize: 10 });
    expect(caller.calls[0].request.path).toBe('/items/a%2Fb');
    expect(caller.calls[1].request.query).toEqual({ page: 2, pageSize: 10 });
  });
});
