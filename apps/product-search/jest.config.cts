module.exports = {
  displayName: 'product-search',
  preset: '../../jest.preset.js',
  // HTTP tests start the service on real backends (an embedded PostgreSQL database on first use).
  testTimeout: 60_000,
};
