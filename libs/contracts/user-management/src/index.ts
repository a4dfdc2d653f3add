export * from './lib/user-management.service';
export * from './lib/user-management.client';
export * from './lib/dto/info.dto';
export * from './lib/dto/item.dto';

