import { bootstrapService } from '@ms/platform-core';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { AppModule } from './app/app.module';

// The gateway serves the aggregated public OpenAPI document of the whole system at /docs, not only its own.
void bootstrapService(AppModule, GATEWAY_SERVICE, { publicDocs: false });
