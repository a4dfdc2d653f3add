import { Controller } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PRODUCT_SEARCH_ROUTES } from '@ms/contracts-product-search';
import { Handles, ServiceInfo, ServiceInfoDto } from '@ms/platform-core';

@ApiTags('product-search')
@Controller()
export class InfoController {
  constructor(private readonly serviceInfo: ServiceInfo) {}

  @Handles(PRODUCT_SEARCH_ROUTES.info)
  @ApiOkResponse({ type: ServiceInfoDto })
  describe(): ServiceInfoDto {
    return this.serviceInfo.describe();
  }
}
