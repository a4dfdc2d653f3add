import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InfoDto } from '@ms/contracts-gateway';
import { Public } from '@ms/platform-core';
import { InfoService } from '../info/info.service';

/** Public handlers: reachable by anyone, also through the gateway. */
@ApiTags('gateway')
@Controller()
export class GatewayPublicController {
  constructor(
    private readonly info: InfoService,
  ) {}

  @Public()
  @Get('info')
  @ApiOkResponse({ type: InfoDto })
  describe(): InfoDto {
    return this.info.info();
  }
}
