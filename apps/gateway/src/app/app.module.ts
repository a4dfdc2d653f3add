import { Module } from '@nestjs/common';
import { DocsModule } from './docs/docs.module';
import { EdgeModule } from './edge/edge.module';
import { GatewayConfigModule } from './edge/gateway-env';
import { CustomerOrdersModule } from './orders/customer-orders.module';
import { StorefrontModule } from './storefront/storefront.module';

@Module({
  imports: [GatewayConfigModule, EdgeModule, CustomerOrdersModule, DocsModule, StorefrontModule],
})
export class AppModule {}
