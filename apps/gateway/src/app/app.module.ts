import { Module } from '@nestjs/common';
import { InfoService } from './info/info.service';
import { GatewayPublicController } from './public/gateway-public.controller';

@Module({
  imports: [
  ],
  controllers: [GatewayPublicController, ],
  providers: [InfoService],
})
export class AppModule {}
