import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Product } from './product.entity';
import { ProductCatalog } from './product-catalog';
import { CataloguePrewarm } from './catalogue-prewarm';
import { CurrentStock } from './current-stock';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

/** The catalogue: search, products, images, categories and the batch look-up, read through the cache. */
@Module({
  imports: [TypeOrmModule.forFeature([Product])],
  controllers: [ProductsController],
  providers: [ProductCatalog, ProductsService, CurrentStock, CataloguePrewarm],
})
export class ProductsModule {}
