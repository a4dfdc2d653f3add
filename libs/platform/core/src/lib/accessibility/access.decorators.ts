import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';

export const HANDLER_ACCESS = 'ms:handler-access';
/** Marks controllers that the platform itself adds (health, metrics, internal docs). */
export const PLATFORM_CONTROLLER = 'ms:platform-controller';

/**
 * `public`: anyone, also through the edge. `internal`: other services with a service token.
 * `operational`: infrastructure endpoints (probes, metrics) reachable inside the cluster without a token and never
 * forwarded by the edge.
 */
export type HandlerAccess = 'public' | 'internal' | 'operational';

/** OpenAPI extension that carries a handler's access, so the docs can be split by it. */
export const ACCESS_EXTENSION = 'x-access';

/** Reachable by anyone, also through the gateway. Allowed only in public and hybrid services. */
export const Public = () =>
  applyDecorators(SetMetadata(HANDLER_ACCESS, 'public'), ApiExtension(ACCESS_EXTENSION, 'public'));

/**
 * Reachable only by other services presenting a service token for this service. Handlers are internal even
 * without this decorator; writing it documents the intent.
 */
export const Internal = () =>
  applyDecorators(
    SetMetadata(HANDLER_ACCESS, 'internal'),
    ApiExtension(ACCESS_EXTENSION, 'internal'),
    ApiHeader({
      name: 'x-service-token',
      required: true,
      description: 'Signed service token (audience: this service)',
    }),
  );

/** Infrastructure endpoint (probes, metrics): no token inside the cluster, never forwarded by the edge. */
export const Operational = () => SetMetadata(HANDLER_ACCESS, 'operational');
