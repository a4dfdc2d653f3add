import { Injectable } from '@nestjs/common';
import { CacheService } from '@ms/platform-cache';
import type { SummaryDto } from '@ms/contracts-product-search';
import { ItemsService } from '../items/items.service';

/** How long a computed summary is served from the cache. */
export const SUMMARY_TTL_MS = 5_000;

@Injectable()
export class SummaryService {
  constructor(
    private readonly cache: CacheService,
    private readonly items: ItemsService,
  ) {}

  /** Read-through: concurrent misses share one computation; a cache outage falls back to computing. */
  summary(): Promise<SummaryDto> {
    return this.cache.getOrSet('summary', SUMMARY_TTL_MS, async () => ({
      items: await this.items.count(),
      computedAt: new Date().toISOString(),
    }));
  }
}
