export * from './lib/order-processing.service';
export * from './lib/order-processing.client';
export * from './lib/dto/info.dto';
export * from './lib/dto/item.dto';

