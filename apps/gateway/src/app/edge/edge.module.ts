import { Module } from '@nestjs/common';
import { ClientLimits } from './client-limits';
import { EdgeProxy } from './edge-proxy';
import { ManagementPort } from './management-port';

/**
 * The edge itself, plain Fastify under Nest: body limits for every request, the management port for the operational
 * endpoints, and forwarding to the public routes of the services it fronts.
 */
@Module({
  // In this order: ClientLimits's onRequest hook (413) runs before ManagementPort's (404 on the wrong port).
  providers: [ClientLimits, ManagementPort, EdgeProxy],
  exports: [EdgeProxy, ManagementPort],
})
export class EdgeModule {}
