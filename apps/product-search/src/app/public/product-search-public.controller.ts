import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InfoDto, CreateItemDto, ItemDto, ItemPageDto, ListItemsQueryDto, SummaryDto } from '@ms/contracts-product-search';
import { Public } from '@ms/platform-core';
import { FileStorage, sendStoredFile, storeRequestBody, type StoredFileInfo } from '@ms/platform-file-storage';
import { InfoService } from '../info/info.service';
import { ItemsService } from '../items/items.service';
import { SummaryService } from '../summary/summary.service';
import { FILE_CONTENT_TYPES, MAX_FILE_BYTES } from '../files/file-policy';

/** Public handlers: reachable by anyone, also through the gateway. */
@ApiTags('product-search')
@Controller()
export class ProductSearchPublicController {
  constructor(
    private readonly info: InfoService,
    private readonly items: ItemsService,
    private readonly storage: FileStorage,
    private readonly summaries: SummaryService,
  ) {}

  @Public()
  @Get('info')
  @ApiOkResponse({ type: InfoDto })
  describe(): InfoDto {
    return this.info.info();
  }

  @Public()
  @Post('items')
  @ApiCreatedResponse({ type: ItemDto })
  create(@Body() item: CreateItemDto): Promise<ItemDto> {
    return this.items.create(item);
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

  @Public()
  @Put('files/:key')
  @ApiParam({ name: 'key', description: 'File name (letters, digits, dots, dashes)' })
  @ApiConsumes(...FILE_CONTENT_TYPES)
  @ApiOkResponse({ description: 'Stored: key, size, content type, ETag' })
  upload(@Param('key') key: string, @Req() request: FastifyRequest): Promise<StoredFileInfo> {
    return storeRequestBody(this.storage, request, key, { maxBytes: MAX_FILE_BYTES, contentTypes: FILE_CONTENT_TYPES });
  }

  @Public()
  @Get('files/:key')
  @ApiParam({ name: 'key' })
  @ApiProduces('application/octet-stream')
  download(@Param('key') key: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendStoredFile(this.storage, request, reply, key, { cacheControl: 'private, max-age=60' });
  }

  @Public()
  @Get('summary')
  @ApiOkResponse({ type: SummaryDto })
  summary(): Promise<SummaryDto> {
    return this.summaries.summary();
  }
}
