import type { ServiceCaller, ServiceDescriptor, ServiceRequest } from '@ms/contracts-common';
import { OrderProcessingClient } from './order-processing.client';
import { ORDER_PROCESSING_SERVICE } from './order-processing.service';
import { canTransition, IDEMPOTENCY_KEY_PATTERN, statusesLeadingTo } from './order-status';

/** Records calls instead of sending them: the client's job is to build the right request for the route table. */
class RecordingCaller implements ServiceCaller {
  readonly calls: { target: ServiceDescriptor; request: ServiceRequest }[] = [];
  async call<T>(target: ServiceDescriptor, request: ServiceRequest): Promise<T> {
    this.calls.push({ target, request });
    return {} as T;
  }
}

/** `/orders/abc/status` → `/orders/:id/status` when the table has such a template. */
function matchesRoute(method: string, path: string): boolean {
  return ORDER_PROCESSING_SERVICE.routes.some((route) => {
    if (route.method !== method) return false;
    const pattern = new RegExp('^' + route.path.replace(/:\w+/g, '[^/]+') + '$');
    return pattern.test(path);
  });
}

describe('OrderProcessingClient', () => {
  const userId = '6f1c1d3e-4b7a-4c1e-9a55-0d3f5b2a7c10';
  const productId = '0b9e3c52-8a3f-4c59-b5d4-2f1e0a7d9c31';

  it('calls only routes that exist in the route table', async () => {
    const caller = new RecordingCaller();
    const client = new OrderProcessingClient(caller);
    await client.placeOrder({ userId, items: [{ productId, quantity: 1 }] }, 'checkout-1234');
    await client.listOrders(userId);
    await client.getOrder('a/b');
    await client.setStatus('a/b', 'paid');
    expect(caller.calls).toHaveLength(4);
    for (const { target, request } of caller.calls) {
      expect(target.name).toBe('order-processing');
      expect(matchesRoute(request.method, request.path)).toBe(true);
    }
  });

  it('sends the idempotency key as a header, encodes path parameters and passes queries', async () => {
    const caller = new RecordingCaller();
    const client = new OrderProcessingClient(caller);
    await client.placeOrder({ userId, items: [{ productId, quantity: 2 }] }, 'checkout-1234');
    await client.listOrders(userId, 10);
    await client.getOrder('a/b');
    await client.setStatus('a/b', 'cancelled');
    const [place, list, get, patch] = caller.calls.map((call) => call.request);
    expect(place).toMatchObject({
      method: 'POST',
      path: '/orders',
      headers: { 'Idempotency-Key': 'checkout-1234' },
      body: { userId, items: [{ productId, quantity: 2 }] },
    });
    expect(list).toMatchObject({ method: 'GET', path: '/orders', query: { userId, limit: 10 } });
    expect(get.path).toBe('/orders/a%2Fb');
    expect(patch).toMatchObject({ method: 'PATCH', path: '/orders/a%2Fb/status', body: { status: 'cancelled' } });
  });
});

describe('order lifecycle', () => {
  it('allows placed → paid → shipped and placed | paid → cancelled only', () => {
    expect(canTransition('placed', 'paid')).toBe(true);
    expect(canTransition('paid', 'shipped')).toBe(true);
    expect(canTransition('placed', 'cancelled')).toBe(true);
    expect(canTransition('paid', 'cancelled')).toBe(true);
    expect(canTransition('placed', 'shipped')).toBe(false);
    expect(canTransition('shipped', 'cancelled')).toBe(false);
    expect(canTransition('cancelled', 'paid')).toBe(false);
    expect(statusesLeadingTo('cancelled')).toEqual(['placed', 'paid']);
    expect(statusesLeadingTo('placed')).toEqual([]);
  });

  it('accepts idempotency keys of 8–128 URL-safe characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('6f1c1d3e-4b7a-4c1e-9a55-0d3f5b2a7c10')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('a'.repeat(128))).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('short')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('a'.repeat(129))).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('has space1')).toBe(false);
  });
});
