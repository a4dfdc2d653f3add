import { bootstrapService } from '@ms/platform-core';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { AppModule } from './app/app.module';

void bootstrapService(AppModule, GATEWAY_SERVICE);

