/**
 * A real service process for the graceful-shutdown test: `GET /slow` takes SLOW_MS to answer.
 * Run with `node -r @swc-node/register`.
 */
import { Controller, Get, Module } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Public } from '../lib/accessibility/access.decorators';
import { bootstrapService } from '../lib/bootstrap/bootstrap-service';

@Controller('slow')
class SlowController {
  @Public()
  @Get()
  async slow() {
    await sleep(Number(process.env['SLOW_MS'] ?? 1000));
    return { finished: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

void bootstrapService(SlowModule, {
  name: 'slow',
  accessibility: 'public',
  defaultPort: 3996,
  routes: [{ method: 'GET', path: '/slow', access: 'public' }],
});
