import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CategoryListDto,
  InfoDto,
  ProductDto,
  ProductPageDto,
  SearchProductsQueryDto,
} from '@ms/contracts-product-search';
import { Public } from '@ms/platform-core';
import { FileStorage, sendStoredFile } from '@ms/platform-file-storage';
import { InfoService } from '../info/info.service';
import { ProductsService } from '../products/products.service';
import { PRODUCT_IMAGE_CACHE_CONTROL, productImageKey } from '../products/product-image';

/** Public handlers: reachable by anyone, also through the gateway. */
@ApiTags('product-search')
@Controller()
export class ProductSearchPublicController {
  constructor(
    private readonly info: InfoService,
    private readonly products: ProductsService,
    private readonly storage: FileStorage,
  ) {}

  @Public()
  @Get('info')
  @ApiOkResponse({ type: InfoDto })
  describe(): InfoDto {
    return this.info.info();
  }

  @Public()
  @Get('products')
  @ApiOkResponse({ type: ProductPageDto, description: 'One page of matching products and the total number of matches' })
  @ApiBadRequestResponse({ description: 'A bad query parameter, named in the message' })
  search(@Query() query: SearchProductsQueryDto): Promise<ProductPageDto> {
    return this.products.search(query);
  }

  @Public()
  @Get('products/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this id' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.products.get(id);
  }

  @Public()
  @Get('products/:id/image')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The product image, with ETag and Cache-Control (If-None-Match → 304)' })
  @ApiNotFoundResponse({ description: 'No image for this id' })
  image(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendStoredFile(this.storage, request, reply, productImageKey(id), {
      cacheControl: PRODUCT_IMAGE_CACHE_CONTROL,
    });
  }

  @Public()
  @Get('categories')
  @ApiOkResponse({ type: CategoryListDto })
  categories(): Promise<CategoryListDto> {
    return this.products.categories();
  }
}
