import { bootstrapService } from '@ms/platform-core';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
import { AppModule } from './app/app.module';
import { ManagementPort } from './app/edge/management-port';

async function main(): Promise<void> {
  // The gateway serves the aggregated public OpenAPI document of the whole system at /docs, not only its own.
  const app = await bootstrapService(AppModule, GATEWAY_SERVICE, { publicDocs: false });
  try {
    await app.get(ManagementPort).listen();
  } catch (error) {
    process.stderr.write(`\ngateway failed to start its management port: ${(error as Error)?.message ?? error}\n\n`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
