import { Controller, Get, SetMetadata } from '@nestjs/common';
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

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.readiness.all());
  }
}
