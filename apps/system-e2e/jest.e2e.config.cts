/** The whole system, started as `npm start` starts it, tested over HTTP and in a real browser. */
module.exports = {
  displayName: 'system-e2e',
  rootDir: __dirname,
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.cjs',
  globalTeardown: '<rootDir>/src/support/global-teardown.cjs',
  testTimeout: 120_000,
};
