import { buildPath, type ServiceCaller } from '@ms/contracts-common';
import { USER_MANAGEMENT_SERVICE } from './user-management.service';
import type { InfoDto, RuntimeDto } from './dto/info.dto';
import type { CreateItemDto, ItemDto, ItemPageDto, ListItemsQueryDto } from './dto/item.dto';

/**
 * Typed calls to user-management for other services. Construct it with the platform's InternalHttpClient, which adds the
 * service token, the request id and timeouts: `new UserManagementClient(internalHttpClient)`.
 */
export class UserManagementClient {
  constructor(private readonly caller: ServiceCaller) {}

  info(): Promise<InfoDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'GET', path: '/info' });
  }

  runtime(): Promise<RuntimeDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'GET', path: '/info/runtime' });
  }

  createItem(item: CreateItemDto): Promise<ItemDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'POST', path: '/items', body: item });
  }

  listItems(query: ListItemsQueryDto = {}): Promise<ItemPageDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'GET', path: '/items', query: { ...query } });
  }

  getItem(id: string): Promise<ItemDto> {
    return this.caller.call(USER_MANAGEMENT_SERVICE, { method: 'GET', path: buildPath('/items/:id', { id }) });
  }
}
