const nxPreset = require('@nx/jest/preset').default;

/**
 * The Jest configuration every project shares: a project's jest.config.cts names the project and this preset, and adds
 * only what is its own (a longer timeout, another testMatch). TypeScript goes through ts-jest with the project's
 * tsconfig.json.
 */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'html'],
  setupFiles: [require('node:path').join(__dirname, 'tools/jest/test-environment.cjs')],
  // A few runtime dependencies ship only ES modules (content-disposition 3, pulled in by @fastify/static 10).
  // Node loads them through require(esm); Jest's CommonJS runtime needs them transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  // The first matching pattern wins: the ES-module dependency before the project's own sources.
  transform: {
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
    ],
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
};
