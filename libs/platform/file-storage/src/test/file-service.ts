import { Controller, Delete, Get, HttpCode, Inject, Module, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { Public } from '@ms/platform-core';
import { FileStorage, FileStorageModule, sendStoredFile, storeRequestBody } from '../index';

/** A small public service that keeps files: how a real service's controller uses the library. */
export const FILE_SERVICE: ServiceDescriptor = {
  name: 'file-sample',
  accessibility: 'public',
  defaultPort: 3998,
  routes: [
    { method: 'PUT', path: '/files', access: 'public' },
    { method: 'GET', path: '/files', access: 'public' },
    { method: 'DELETE', path: '/files', access: 'public' },
    { method: 'GET', path: '/listing', access: 'public' },
    { method: 'PUT', path: '/images', access: 'public' },
  ],
};

export const FILE_LIMIT_BYTES = 16 * 1024 * 1024;
export const IMAGE_LIMIT_BYTES = 64 * 1024;

class ListQuery {
  @IsOptional()
  @IsString()
  prefix?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}

@Controller()
export class FileController {
  constructor(@Inject(FileStorage) private readonly storage: FileStorage) {}

  @Public()
  @Put('files')
  upload(@Query('key') key: string, @Req() request: FastifyRequest) {
    return storeRequestBody(this.storage, request, key, { maxBytes: FILE_LIMIT_BYTES });
  }

  @Public()
  @Put('images')
  uploadImage(@Query('key') key: string, @Req() request: FastifyRequest) {
    return storeRequestBody(this.storage, request, key, {
      maxBytes: IMAGE_LIMIT_BYTES,
      contentTypes: ['image/png', 'image/jpeg', 'image/webp'],
    });
  }

  @Public()
  @Get('files')
  download(@Query('key') key: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return sendStoredFile(this.storage, request, reply, key, { cacheControl: 'public, max-age=60' });
  }

  @Public()
  @Delete('files')
  @HttpCode(204)
  async remove(@Query('key') key: string): Promise<void> {
    await this.storage.delete(key);
  }

  @Public()
  @Get('listing')
  list(@Query() query: ListQuery) {
    return this.storage.list(query.prefix ?? '', { limit: query.limit, cursor: query.cursor });
  }
}

/** The sample service's root module; its storage configuration is the env the app is built with. */
export function fileServiceModule() {
  @Module({ imports: [FileStorageModule.forRoot()], controllers: [FileController] })
  class FileServiceModule {}
  return FileServiceModule;
}
