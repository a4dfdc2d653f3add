module.exports = {
  displayName: 'user-management',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/user-management',
  // HTTP tests start the service on real backends (an embedded PostgreSQL database on first use).
  testTimeout: 60_000,
};
