export * from './lib/user-management.service';
export * from './lib/user-management.client';
export * from './lib/password-policy';
export * from './lib/dto/user.dto';
