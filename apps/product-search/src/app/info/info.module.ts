import { Module } from '@nestjs/common';
import { InfoController } from './info.controller';

/** What the service is (the platform's ServiceInfo: name, accessibility, the adapters it runs with). */
@Module({
  controllers: [InfoController],
})
export class InfoModule {}
