module.exports = {
  displayName: 'platform-database',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Integration tests: each file opens real PostgreSQL connections (embedded start is about 1 s).
  testTimeout: 30_000,
  coverageDirectory: '../../../coverage/libs/platform/database',
};
