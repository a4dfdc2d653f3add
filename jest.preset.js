const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  setupFiles: [require('node:path').join(__dirname, 'tools/jest/test-environment.cjs')],
  // A few runtime dependencies ship only ES modules (content-disposition 3, pulled in by @fastify/static 10).
  // Node loads them through require(esm); Jest's CommonJS runtime needs them transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  transform: {
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
    ],
  },
};
