export * from './lib/platform-database.module';

