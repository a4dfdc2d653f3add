module.exports = {
  displayName: 'platform-database',
  preset: '../../../jest.preset.js',
  // Integration tests: each file opens real PostgreSQL connections (embedded start is about 1 s).
  testTimeout: 30_000,
};
