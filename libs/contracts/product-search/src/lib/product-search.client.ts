import { buildPath, type ServiceCaller } from '@ms/contracts-common';
import { PRODUCT_SEARCH_SERVICE } from './product-search.service';
import type { InfoDto } from './dto/info.dto';
import type { CreateItemDto, ItemDto, ItemPageDto, ListItemsQueryDto } from './dto/item.dto';
import type { SummaryDto } from './dto/summary.dto';

/**
 * Typed calls to product-search for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new ProductSearchClient(internalHttpClient)`.
 */
export class ProductSearchClient {
  constructor(private readonly caller: ServiceCaller) {}

  info(): Promise<InfoDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: '/info' });
  }

  createItem(item: CreateItemDto): Promise<ItemDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'POST', path: '/items', body: item });
  }

  listItems(query: ListItemsQueryDto = {}): Promise<ItemPageDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: '/items', query: { ...query } });
  }

  getItem(id: string): Promise<ItemDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: buildPath('/items/:id', { id }) });
  }

  summary(): Promise<SummaryDto> {
    return this.caller.call(PRODUCT_SEARCH_SERVICE, { method: 'GET', path: '/summary' });
  }
}
