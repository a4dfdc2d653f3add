module.exports = {
  displayName: 'product-search',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/product-search',
  // HTTP tests start the service on real backends (an embedded PostgreSQL database on first use).
  testTimeout: 60_000,
};
