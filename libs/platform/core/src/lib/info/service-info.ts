import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  ACCESS_LEVELS,
  PERSISTENCE_ADAPTERS,
  type AccessLevel,
  type PersistenceAdapter,
  type ServiceDescriptor,
  type ServiceInfo as ServiceInfoBody,
} from '@ms/contracts-common';
import { SERVICE_DESCRIPTOR } from '../bootstrap/tokens';
import { ReadinessRegistry } from '../health/readiness.registry';

/** The OpenAPI shape of a service's `info` answer. */
export class ServiceInfoDto implements ServiceInfoBody {
  @ApiProperty({ example: 'product-search' })
  name!: string;

  @ApiProperty({ enum: ACCESS_LEVELS })
  accessibility!: AccessLevel;

  @ApiProperty({ enum: PERSISTENCE_ADAPTERS, isArray: true, example: ['database', 'cache'] })
  persistence!: PersistenceAdapter[];
}

/**
 * What a service says about itself, derived rather than restated: name and accessibility from its descriptor, its
 * persistence from the adapters it runs with (each registers its readiness check under its own name).
 */
@Injectable()
export class ServiceInfo {
  constructor(
    @Inject(SERVICE_DESCRIPTOR) private readonly service: ServiceDescriptor,
    private readonly readiness: ReadinessRegistry,
  ) {}

  describe(): ServiceInfoDto {
    return {
      name: this.service.name,
      accessibility: this.service.accessibility,
      persistence: PERSISTENCE_ADAPTERS.filter((adapter) => this.readiness.has(adapter)),
    };
  }
}
