import {
  PLATFORM_ERROR_CODES,
  type ServiceCaller,
  type ServiceDescriptor,
  type ServiceRequest,
} from '@ms/contracts-common';
import { isAccessTokenRejection, USER_MANAGEMENT_ERROR_CODES, UserManagementClient } from './user-management.client';
import { USER_MANAGEMENT_SERVICE } from './user-management.service';

/** Records calls instead of sending them: the client's job is to build the right request for the route table. */
class RecordingCaller implements ServiceCaller {
  readonly calls: { target: ServiceDescriptor; request: ServiceRequest }[] = [];
  async call<T>(target: ServiceDescriptor, request: ServiceRequest): Promise<T> {
    this.calls.push({ target, request });
    return {} as T;
  }
}

const internalRoutes = new Set(
  USER_MANAGEMENT_SERVICE.routes
    .filter((route) => route.access === 'internal')
    .map((route) => `${route.method} ${route.path}`),
);

describe('UserManagementClient', () => {
  it('calls internal routes of the route table with the right bodies', async () => {
    const caller = new RecordingCaller();
    const client = new UserManagementClient(caller);
    await client.verifyToken('abc');
    await client.getUser('0b5f8f0e-8f7c-4a53-9b1e-5a3f3c1d2e4f');
    await client.setStatus('0b5f8f0e-8f7c-4a53-9b1e-5a3f3c1d2e4f', 'disabled');

    expect(caller.calls.map(({ request }) => [request.method, request.path, request.body])).toEqual([
      ['POST', '/tokens/verify', { token: 'abc' }],
      ['GET', '/users/0b5f8f0e-8f7c-4a53-9b1e-5a3f3c1d2e4f', undefined],
      ['PATCH', '/users/0b5f8f0e-8f7c-4a53-9b1e-5a3f3c1d2e4f', { status: 'disabled' }],
    ]);
    for (const { target, request } of caller.calls) {
      expect(target.name).toBe('user-management');
      const template = request.path.replace(/^\/users\/[^/]+$/, '/users/:id');
      expect(internalRoutes.has(`${request.method} ${template}`)).toBe(true);
    }
  });

  it('encodes path parameters', async () => {
    const caller = new RecordingCaller();
    await new UserManagementClient(caller).getUser('a/b');
    expect(caller.calls[0].request.path).toBe('/users/a%2Fb');
  });
});

describe('isAccessTokenRejection', () => {
  const upstream = (upstreamStatus: number, upstreamCode: string | undefined, message = 'failed') =>
    Object.assign(new Error(message), { upstreamStatus, upstreamCode });

  it("recognises user-management's access-token codes, not a refused service token", () => {
    expect(isAccessTokenRejection(upstream(401, USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED))).toBe(true);
    expect(isAccessTokenRejection(upstream(401, USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_EXPIRED))).toBe(true);
    expect(isAccessTokenRejection(upstream(401, PLATFORM_ERROR_CODES.SERVICE_TOKEN_INVALID))).toBe(false);
    expect(isAccessTokenRejection(upstream(401, USER_MANAGEMENT_ERROR_CODES.LOGIN_FAILED))).toBe(false);
    expect(isAccessTokenRejection(upstream(503, USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED))).toBe(false);
    expect(isAccessTokenRejection(undefined)).toBe(false);
  });

  it('decides by the code alone, never by the message text', () => {
    const rejectedText = 'user-management POST /tokens/verify failed with 401: access token rejected: expired';
    expect(isAccessTokenRejection(upstream(401, undefined, rejectedText))).toBe(false);
    expect(isAccessTokenRejection(upstream(401, PLATFORM_ERROR_CODES.SERVICE_TOKEN_INVALID, rejectedText))).toBe(false);
    expect(
      isAccessTokenRejection(upstream(401, USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_EXPIRED, 'any wording at all')),
    ).toBe(true);
  });
});
