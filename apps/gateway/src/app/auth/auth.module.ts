import { Module } from '@nestjs/common';
import { UserManagementClient } from '@ms/contracts-user-management';
import { InternalHttpClient } from '@ms/platform-core';

/**
 * The storefront's logged-in user: UserAuthGuard and `@CurrentUser()` (user-auth.guard.ts), verified by
 * user-management. Nest builds a guard in the module of the controller it guards, so a module with such controllers
 * imports this one for the client the guard needs.
 */
@Module({
  providers: [
    {
      provide: UserManagementClient,
      useFactory: (caller: InternalHttpClient) => new UserManagementClient(caller),
      inject: [InternalHttpClient],
    },
  ],
  exports: [UserManagementClient],
})
export class AuthModule {}
