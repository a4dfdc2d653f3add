import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@ms/platform-database';
import { MessagingModule } from '@ms/platform-messaging';
import { DATABASE } from '../database';
import { AccessTokens } from './auth/access-tokens';
import { AuthService } from './auth/auth.service';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { PasswordHasher } from './auth/password-hasher';
import { UserManagementConfig, UserManagementConfigModule } from './config/user-management-config';
import { OrderEvents } from './orders/order-events.handler';
import { LoginThrottle } from './rate-limit/login-throttle';
import { rateLimits } from './rate-limit/rate-limit';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';
import { UserManagementPublicController } from './public/user-management-public.controller';
import { UserManagementInternalController } from './internal/user-management-internal.controller';

@Module({
  imports: [
    UserManagementConfigModule,
    DatabaseModule.forRoot(DATABASE),
    TypeOrmModule.forFeature([User]),
    // Consumes order.placed / order.cancelled (the order count on /users/me).
    MessagingModule.forRoot(),
    ThrottlerModule.forRootAsync({
      imports: [UserManagementConfigModule],
      inject: [UserManagementConfig],
      useFactory: rateLimits,
    }),
  ],
  controllers: [UserManagementPublicController, UserManagementInternalController],
  providers: [UsersService, AuthService, AccessTokens, PasswordHasher, BearerAuthGuard, OrderEvents, LoginThrottle],
})
export class AppModule {}
