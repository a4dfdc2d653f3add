import { Injectable } from '@nestjs/common';
import { PRODUCT_SEARCH_SERVICE, type InfoDto } from '@ms/contracts-product-search';

export const PERSISTENCE: readonly string[] = ['database', 'file-storage', 'cache'];

@Injectable()
export class InfoService {
  private readonly startedAt = new Date();

  info(): InfoDto {
    return {
      name: PRODUCT_SEARCH_SERVICE.name,
      accessibility: PRODUCT_SEARCH_SERVICE.accessibility,
      persistence: [...PERSISTENCE],
    };
  }
}
