import { Module } from '@nestjs/common';
import { StorefrontStatic } from './storefront-static';

/** The storefront's page, styles and script at `/` (from where storefrontDir() finds them). */
@Module({
  providers: [StorefrontStatic],
})
export class StorefrontModule {}
