module.exports = {
  displayName: 'platform-messaging',
  preset: '../../../jest.preset.js',
  // tsconfig.json sets isolatedModules: ts-jest transpiles per file (type-check with `npx tsc -p libs/platform/messaging`),
  // which keeps each suite's start-up short on a busy machine. Integration tests on real PostgreSQL and RabbitMQ.
  testTimeout: 45_000,
};
