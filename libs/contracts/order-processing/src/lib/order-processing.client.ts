import { buildPath, type ServiceCaller } from '@ms/contracts-common';
import { ORDER_PROCESSING_SERVICE } from './order-processing.service';
import type { InfoDto } from './dto/info.dto';
import type { CreateItemDto, ItemDto, ItemPageDto, ListItemsQueryDto } from './dto/item.dto';

/**
 * Typed calls to order-processing for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new OrderProcessingClient(internalHttpClient)`.
 */
export class OrderProcessingClient {
  constructor(private readonly caller: ServiceCaller) {}

  info(): Promise<InfoDto> {
    return this.caller.call(ORDER_PROCESSING_SERVICE, { method: 'GET', path: '/info' });
  }

  createItem(item: CreateItemDto): Promise<ItemDto> {
    return this.caller.call(ORDER_PROCESSING_SERVICE, { method: 'POST', path: '/items', body: item });
  }

  listItems(query: ListItemsQueryDto = {}): Promise<ItemPageDto> {
    return this.caller.call(ORDER_PROCESSING_SERVICE, { method: 'GET', path: '/items', query: { ...query } });
  }

  getItem(id: string): Promise<ItemDto> {
    return this.caller.call(ORDER_PROCESSING_SERVICE, { method: 'GET', path: buildPath('/items/:id', { id }) });
  }
}
