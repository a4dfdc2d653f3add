/**
 * The browser-safe entry point, `@ms/contracts-user-management/routes`: the route table, the descriptor and plain
 * constants, with no runtime dependency on class-validator, class-transformer or @nestjs/* (DTOs reach it only through
 * `import type`). Browser code (the storefront) imports this, never the barrel, whose DTO classes carry decorators.
 */
export * from './lib/user-management.service';
export * from './lib/user-limits';
