import { Controller, Get, Res, ServiceUnavailableException, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import { Operational, PLATFORM_CONTROLLER } from '../accessibility/access.decorators';
import { ReadinessRegistry } from './readiness.registry';

/** Kubernetes probes. Liveness never touches dependencies (a slow database must not restart pods). */
@ApiExcludeController()
@SetMetadata(PLATFORM_CONTROLLER, true)
@Operational()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** 200 with terminus' report when every registered check is up; 503 with the same report naming what is down. */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.health.check(this.readiness.all());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse();
    }
  }
}
