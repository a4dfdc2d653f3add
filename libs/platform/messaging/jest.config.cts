module.exports = {
  displayName: 'platform-messaging',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // tsconfig.spec.json sets isolatedModules: ts-jest transpiles per file (type-checking is `tsc -p tsconfig.spec.json`),
    // which keeps each suite's start-up short on a busy machine.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Integration tests on real PostgreSQL and RabbitMQ.
  testTimeout: 45_000,
  coverageDirectory: '../../../coverage/libs/platform/messaging',
};
