import { Injectable } from '@nestjs/common';
import { USER_MANAGEMENT_SERVICE, type InfoDto, type RuntimeDto } from '@ms/contracts-user-management';

export const PERSISTENCE: readonly string[] = ["database"];

@Injectable()
export class InfoService {
  private readonly startedAt = new Date();

  info(): InfoDto {
    return { name: USER_MANAGEMENT_SERVICE.name, accessibility: USER_MANAGEMENT_SERVICE.accessibility, persistence: [...PERSISTENCE] };
  }

  runtime(now = new Date()): RuntimeDto {
    return {
      startedAt: this.startedAt.toISOString(),
      uptimeSeconds: Math.floor((now.getTime() - this.startedAt.getTime()) / 1000),
    };
  }
}
