import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InfoDto, ItemDto, ItemPageDto, ListItemsQueryDto } from '@ms/contracts-user-management';
import { Public } from '@ms/platform-core';
import { InfoService } from '../info/info.service';
import { ItemsService } from '../items/items.service';

/** Public handlers: reachable by anyone, also through the gateway. */
@ApiTags('user-management')
@Controller()
export class UserManagementPublicController {
  constructor(
    private readonly info: InfoService,
    private readonly items: ItemsService,
  ) {}

  @Public()
  @Get('info')
  @ApiOkResponse({ type: InfoDto })
  describe(): InfoDto {
    return this.info.info();
  }

  @Public()
  @Get('items')
  @ApiOkResponse({ type: ItemPageDto })
  list(@Query() query: ListItemsQueryDto): Promise<ItemPageDto> {
    return this.items.list(query);
  }

  @Public()
  @Get('items/:id')
  @ApiOkResponse({ type: ItemDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ItemDto> {
    return this.items.get(id);
  }
}
