import { Module } from '@nestjs/common';
import { DatabaseModule } from '@ms/platform-database';
import { MessagingModule } from '@ms/platform-messaging';
import { DATABASE } from '../database';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';

/** The adapters this service uses (global: every feature module may inject them) and its feature modules. */
@Module({
  imports: [
    DatabaseModule.forRoot(DATABASE),
    // Consumes order.placed / order.cancelled: the order count of each account (UsersModule's OrderEvents).
    MessagingModule.forRoot(),
    UsersModule,
    AuthModule,
  ],
})
export class AppModule {}
