import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InfoDto, CreateItemDto, ItemDto, ItemPageDto, ListItemsQueryDto } from '@ms/contracts-order-processing';
import { Internal } from '@ms/platform-core';
import { InfoService } from '../info/info.service';
import { ItemsService } from '../items/items.service';

/** Internal handlers: only other services, with a service token. */
@ApiTags('order-processing')
@Controller()
export class OrderProcessingInternalController {
  constructor(
    private readonly info: InfoService,
    private readonly items: ItemsService,
  ) {}

  @Internal()
  @Get('info')
  @ApiOkResponse({ type: InfoDto })
  describe(): InfoDto {
    return this.info.info();
  }

  @Internal()
  @Post('items')
  @ApiCreatedResponse({ type: ItemDto })
  create(@Body() item: CreateItemDto): Promise<ItemDto> {
    return this.items.create(item);
  }

  @Internal()
  @Get('items')
  @ApiOkResponse({ type: ItemPageDto })
  list(@Query() query: ListItemsQueryDto): Promise<ItemPageDto> {
    return this.items.list(query);
  }

  @Internal()
  @Get('items/:id')
  @ApiOkResponse({ type: ItemDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ItemDto> {
    return this.items.get(id);
  }
}
