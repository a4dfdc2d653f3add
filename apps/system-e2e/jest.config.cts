/** Unit tests of the system tests' own support code (no system started); the system itself: jest.e2e.config.cts. */
module.exports = {
  displayName: 'system-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
