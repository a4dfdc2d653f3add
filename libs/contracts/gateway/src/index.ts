export * from './lib/gateway.service';
export * from './lib/dto/checkout.dto';
