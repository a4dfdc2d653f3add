export * from './lib/order-processing.service';
export * from './lib/order-processing.client';
export * from './lib/order-status';
export * from './lib/dto/order.dto';
export * from './lib/events';
