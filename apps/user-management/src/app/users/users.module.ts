import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { OrderEvents } from './order-events.handler';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Accounts: the `users` table, registration, reading and disabling accounts, their password hashes, and the order
 * count kept from order-processing's events. AuthModule builds logins and access tokens on top of it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User]), RateLimitModule],
  controllers: [UsersController],
  providers: [UsersService, PasswordHasher, OrderEvents],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
