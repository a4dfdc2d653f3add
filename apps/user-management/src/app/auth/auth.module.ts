import { Module } from '@nestjs/common';
import { UserManagementConfigModule } from '../config/user-management-config';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsersModule } from '../users/users.module';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerAuthGuard } from './bearer-auth.guard';

/**
 * Logins and access tokens, on top of the accounts of UsersModule: issuing a token, "who am I" and verifying a token
 * for other services. The handler of the bearer's own account lives here, next to BearerAuthGuard, so that UsersModule
 * does not depend back on this module.
 */
@Module({
  imports: [UserManagementConfigModule, UsersModule, RateLimitModule],
  controllers: [AuthController],
  providers: [AccessTokens, AuthService, BearerAuthGuard],
})
export class AuthModule {}
