export * from './lib/platform-file-storage.module';

