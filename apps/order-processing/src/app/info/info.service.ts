import { Injectable } from '@nestjs/common';
import { ORDER_PROCESSING_SERVICE, type InfoDto } from '@ms/contracts-order-processing';

export const PERSISTENCE: readonly string[] = ["database"];

@Injectable()
export class InfoService {
  private readonly startedAt = new Date();

  info(): InfoDto {
    return { name: ORDER_PROCESSING_SERVICE.name, accessibility: ORDER_PROCESSING_SERVICE.accessibility, persistence: [...PERSISTENCE] };
  }
}
