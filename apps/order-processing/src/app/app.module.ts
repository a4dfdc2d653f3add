import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@ms/platform-database';
import { DATABASE } from '../database';
import { Item } from './items/item.entity';
import { ItemsService } from './items/items.service';
import { InfoService } from './info/info.service';
import { OrderProcessingInternalController } from './internal/order-processing-internal.controller';

@Module({
  imports: [
    DatabaseModule.forRoot(DATABASE),
    TypeOrmModule.forFeature([Item]),
  ],
  controllers: [OrderProcessingInternalController],
  providers: [InfoService, ItemsService],
})
export class AppModule {}
