import { Injectable } from '@nestjs/common';
import { GATEWAY_SERVICE, type InfoDto } from '@ms/contracts-gateway';

export const PERSISTENCE: readonly string[] = [];

@Injectable()
export class InfoService {
  private readonly startedAt = new Date();

  info(): InfoDto {
    return { name: GATEWAY_SERVICE.name, accessibility: GATEWAY_SERVICE.accessibility, persistence: [...PERSISTENCE] };
  }
}
