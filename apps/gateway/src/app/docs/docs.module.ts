import { Module } from '@nestjs/common';
import { EdgeModule } from '../edge/edge.module';
import { DocsRoutes } from './docs-routes';
import { PublicApiDocs } from './public-api-docs';

/** The aggregated public OpenAPI of the whole system and Swagger UI for it, from the services the edge fronts. */
@Module({
  imports: [EdgeModule],
  providers: [PublicApiDocs, DocsRoutes],
})
export class DocsModule {}
