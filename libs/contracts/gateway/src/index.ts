export * from './lib/gateway.service';
export * from './lib/gateway.client';
export * from './lib/dto/info.dto';

