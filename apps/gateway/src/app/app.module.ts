import { Module } from '@nestjs/common';
import { OrderProcessingClient } from '@ms/contracts-order-processing';
import { UserManagementClient } from '@ms/contracts-user-management';
import { InternalHttpClient } from '@ms/platform-core';
import { UserAuthGuard } from './auth/user-auth.guard';
import { DocsRoutes } from './docs/docs-routes';
import { PublicApiDocs } from './docs/public-api-docs';
import { ClientLimits } from './edge/client-limits';
import { EdgeProxy } from './edge/edge-proxy';
import { ManagementPort } from './edge/management-port';
import { CustomerOrdersService } from './orders/customer-orders.service';
import { StorefrontPublicController } from './public/storefront-public.controller';
import { StorefrontStatic } from './storefront/storefront-static';

@Module({
  imports: [],
  controllers: [StorefrontPublicController],
  providers: [
    {
      provide: UserManagementClient,
      useFactory: (caller: InternalHttpClient) => new UserManagementClient(caller),
      inject: [InternalHttpClient],
    },
    {
      provide: OrderProcessingClient,
      useFactory: (caller: InternalHttpClient) => new OrderProcessingClient(caller),
      inject: [InternalHttpClient],
    },
    UserAuthGuard,
    CustomerOrdersService,
    ClientLimits,
    ManagementPort,
    EdgeProxy,
    PublicApiDocs,
    DocsRoutes,
    StorefrontStatic,
  ],
})
export class AppModule {}
