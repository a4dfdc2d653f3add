import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RuntimeDto, CreateItemDto, ItemDto } from '@ms/contracts-user-management';
import { Internal } from '@ms/platform-core';
import { InfoService } from '../info/info.service';
import { ItemsService } from '../items/items.service';

/** Internal handlers: only other services, with a service token. */
@ApiTags('user-management')
@Controller()
export class UserManagementInternalController {
  constructor(
    private readonly info: InfoService,
    private readonly items: ItemsService,
  ) {}

  @Internal()
  @Get('info/runtime')
  @ApiOkResponse({ type: RuntimeDto })
  runtime(): RuntimeDto {
    return this.info.runtime();
  }

  @Internal()
  @Post('items')
  @ApiCreatedResponse({ type: ItemDto })
  create(@Body() item: CreateItemDto): Promise<ItemDto> {
    return this.items.create(item);
  }
}
