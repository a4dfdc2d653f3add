import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@ms/platform-database';
import { FileStorageModule } from '@ms/platform-file-storage';
import { CacheModule } from '@ms/platform-cache';
import { FILE_CONTENT_TYPES } from './files/file-policy';
import { DATABASE } from '../database';
import { Item } from './items/item.entity';
import { ItemsService } from './items/items.service';
import { SummaryService } from './summary/summary.service';
import { InfoService } from './info/info.service';
import { ProductSearchPublicController } from './public/product-search-public.controller';

@Module({
  imports: [
    DatabaseModule.forRoot(DATABASE),
    TypeOrmModule.forFeature([Item]),
    FileStorageModule.forRoot({ uploadContentTypes: FILE_CONTENT_TYPES }),
    CacheModule.forRoot(),
  ],
  controllers: [ProductSearchPublicController, ],
  providers: [InfoService, ItemsService, SummaryService],
})
export class AppModule {}
