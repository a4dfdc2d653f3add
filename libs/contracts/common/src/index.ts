export * from './lib/service-descriptor';
export * from './lib/service-caller';
export * from './lib/route';
export * from './lib/event-contract';
export * from './lib/error-codes';
