import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { allowedRouteAccess, ServiceDescriptor } from '@ms/contracts-common';
import { SERVICE_DESCRIPTOR } from '../bootstrap/tokens';
import { HandlerInfo, listHandlers } from './handler-inventory';

export class AccessPolicyError extends Error {
  override readonly name = 'AccessPolicyError';
}

/**
 * Enforces at start-up that the code matches what the service declares: no public handler in an internal service,
 * no internal handler in a public one, and a route table (in the contracts library) that lists exactly the
 * service's handlers with the same access. A mismatch is a start-up error, never a silent exposure.
 */
export function verifyAccessPolicy(service: ServiceDescriptor, handlers: readonly HandlerInfo[]): void {
  const problems: string[] = [];
  const allowed = allowedRouteAccess(service.accessibility);
  const own = handlers.filter((handler) => !handler.platform);

  for (const handler of own) {
    const where = `${handler.handler} (${handler.method} ${handler.path})`;
    if (handler.access === 'operational') continue;
    if (handler.method === 'OTHER') {
      problems.push(`${where} uses an HTTP method the platform does not route; use GET, POST, PUT, PATCH or DELETE`);
      continue;
    }
    if (!allowed.includes(handler.access)) {
      problems.push(
        `${where} is ${handler.access}, but ${service.name} is a ${service.accessibility} service` +
          (handler.access === 'internal' ? ' (handlers are internal unless marked @Public())' : ''),
      );
    }
    const declared = service.routes.find((route) => route.method === handler.method && route.path === handler.path);
    if (!declared) {
      problems.push(`${where} is missing from the route table of ${service.name} (add it to its contracts library)`);
    } else if (declared.access !== handler.access) {
      problems.push(`${where} is ${handler.access} in code but ${declared.access} in the route table`);
    } else if (declared.access === 'public' && declared.callers !== undefined) {
      problems.push(`${where} is public: its route table entry cannot limit callers (callers are for internal routes)`);
    }
  }
  for (const route of service.routes) {
    if (!own.some((handler) => handler.method === route.method && handler.path === route.path)) {
      problems.push(`route table lists ${route.method} ${route.path}, but no handler serves it`);
    }
  }
  if (problems.length > 0) {
    throw new AccessPolicyError(`Access policy of ${service.name} violated:\n  - ${problems.join('\n  - ')}`);
  }
}

@Injectable()
export class AccessPolicyVerifier implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(SERVICE_DESCRIPTOR) private readonly service: ServiceDescriptor,
  ) {}

  onModuleInit(): void {
    verifyAccessPolicy(this.service, listHandlers(this.discovery, this.scanner, this.reflector));
  }
}
