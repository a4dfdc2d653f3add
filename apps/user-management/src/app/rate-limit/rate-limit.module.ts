import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { UserManagementConfig, UserManagementConfigModule } from '../config/user-management-config';
import { LoginThrottle } from './login-throttle';
import { rateLimits } from './rate-limit';

/**
 * The rate limits: registrations per client address (`RateLimitGuard`, on @nestjs/throttler, whose module is global)
 * and failed logins per account and per client address (`LoginThrottle`).
 */
@Module({
  imports: [
    UserManagementConfigModule,
    ThrottlerModule.forRootAsync({
      imports: [UserManagementConfigModule],
      inject: [UserManagementConfig],
      useFactory: rateLimits,
    }),
  ],
  providers: [LoginThrottle],
  exports: [LoginThrottle],
})
export class RateLimitModule {}
