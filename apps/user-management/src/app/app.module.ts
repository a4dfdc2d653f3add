import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@ms/platform-database';
import { DATABASE } from '../database';
import { Item } from './items/item.entity';
import { ItemsService } from './items/items.service';
import { InfoService } from './info/info.service';
import { UserManagementPublicController } from './public/user-management-public.controller';
import { UserManagementInternalController } from './internal/user-management-internal.controller';

@Module({
  imports: [
    DatabaseModule.forRoot(DATABASE),
    TypeOrmModule.forFeature([Item]),
  ],
  controllers: [UserManagementPublicController, UserManagementInternalController],
  providers: [InfoService, ItemsService],
})
export class AppModule {}
