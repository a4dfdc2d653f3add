import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LookUpProductsDto, MAX_LOOKUP_IDS, ProductLookupDto } from '@ms/contracts-product-search';
import { Internal } from '@ms/platform-core';
import { ProductsService } from '../products/products.service';

/** Internal handlers: only the services the route table names as callers, with a service token. */
@ApiTags('product-search')
@Controller()
export class ProductSearchInternalController {
  constructor(private readonly products: ProductsService) {}

  /** A read, but a POST: the ids go in a body, not in a URL that 50 UUIDs would make long. */
  @Internal()
  @Post('products/lookup')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductLookupDto, description: 'The products found and the ids that name none' })
  @ApiBadRequestResponse({ description: `No ids, more than ${MAX_LOOKUP_IDS}, or one that is not a UUID (named)` })
  lookUp(@Body() { ids }: LookUpProductsDto): Promise<ProductLookupDto> {
    return this.products.lookUp(ids);
  }
}
