import { Body, Controller, Get, HttpCode, Module, Post, Req } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, Min } from 'class-validator';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { Internal, Public } from '../lib/accessibility/access.decorators';
import type { RequestWithCaller } from '../lib/accessibility/access.guard';
import { currentRequestId } from '../lib/http/request-context';

/** A small hybrid service used by the platform's own tests. */
export const SAMPLE_SERVICE: ServiceDescriptor = {
  name: 'sample',
  accessibility: 'hybrid',
  defaultPort: 3999,
  routes: [
    { method: 'GET', path: '/greetings', access: 'public' },
    { method: 'POST', path: '/greetings', access: 'public' },
    { method: 'GET', path: '/secrets', access: 'internal' },
    { method: 'GET', path: '/unmarked', access: 'internal' },
    { method: 'GET', path: '/boom', access: 'public' },
    { method: 'GET', path: '/noted', access: 'public' },
  ],
};

export class CreateGreetingDto {
  @ApiProperty()
  @IsString()
  text!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(10)
  times!: number;
}

@Controller()
export class SampleController {
  @Public()
  @Get('greetings')
  list() {
    return [{ text: 'hello' }];
  }

  @Public()
  @Post('greetings')
  @HttpCode(201)
  create(@Body() dto: CreateGreetingDto) {
    return { text: dto.text.repeat(dto.times), timesType: typeof dto.times };
  }

  @Internal()
  @Get('secrets')
  secrets(@Req() request: RequestWithCaller) {
    return { secret: 42, caller: request.caller?.service, requestId: currentRequestId() };
  }

  @Get('unmarked')
  unmarked() {
    return { reached: true };
  }

  /** Logs through Fastify's per-request logger, as a handler may. */
  @Public()
  @Get('noted')
  noted(@Req() request: RequestWithCaller) {
    request.log.info({ step: 'inside the handler' }, 'noted');
    return { noted: true };
  }

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [SampleController] })
export class SampleModule {}

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';
export const testEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  SERVICE_TOKEN_SECRET: TEST_SECRET,
  ...extra,
});
