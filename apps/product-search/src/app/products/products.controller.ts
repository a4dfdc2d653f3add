import { Body, Controller, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
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
  LookUpProductsDto,
  MAX_LOOKUP_IDS,
  PRODUCT_SEARCH_ROUTES as ROUTES,
  ProductDto,
  ProductLookupDto,
  ProductPageDto,
  SearchProductsQueryDto,
} from '@ms/contracts-product-search';
import { Handles } from '@ms/platform-core';
import { FileStorage, sendStoredFile } from '@ms/platform-file-storage';
import { ProductsService } from './products.service';
import { PRODUCT_IMAGE_CACHE_CONTROL, productImageKey } from './product-image';

/**
 * The catalogue over HTTP. Access is per handler, from the route table: the catalogue is public (also through the
 * gateway), `lookUpProducts` is internal, for the callers the table names.
 */
@ApiTags('product-search')
@Controller()
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly storage: FileStorage,
  ) {}

  @Handles(ROUTES.searchProducts)
  @ApiOkResponse({ type: ProductPageDto, description: 'One page of matching products and the total number of matches' })
  @ApiBadRequestResponse({ description: 'A bad query parameter, named in the message' })
  search(@Query() query: SearchProductsQueryDto): Promise<ProductPageDto> {
    return this.products.search(query);
  }

  @Handles(ROUTES.getProduct)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this id' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.products.get(id);
  }

  @Handles(ROUTES.getProductImage)
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

  @Handles(ROUTES.listCategories)
  @ApiOkResponse({ type: CategoryListDto })
  categories(): Promise<CategoryListDto> {
    return this.products.categories();
  }

  /** A read, but a POST: the ids go in a body, not in a URL that 50 UUIDs would make long. */
  @Handles(ROUTES.lookUpProducts)
  @ApiOkResponse({ type: ProductLookupDto, description: 'The products found and the ids that name none' })
  @ApiBadRequestResponse({ description: `No ids, more than ${MAX_LOOKUP_IDS}, or one that is not a UUID (named)` })
  lookUp(@Body() { ids }: LookUpProductsDto): Promise<ProductLookupDto> {
    return this.products.lookUp(ids);
  }
}
