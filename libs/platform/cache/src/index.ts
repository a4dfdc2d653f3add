export * from './lib/platform-cache.module';

