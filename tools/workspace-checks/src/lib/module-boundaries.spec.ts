import { lintAsIfIn } from './lint-fixture';

/**
 * The tag rules in eslint.config.mjs are the architecture: these fixtures prove that forbidden imports fail lint
 * (and that the allowed ones pass, so the test can tell the two apart).
 */
describe('module boundaries', () => {
  jest.setTimeout(60_000);

  it('lets platform libraries use the shared contracts kit', () => {
    const messages = lintAsIfIn(
      'libs/platform/core/src/lib/fixture.ts',
      "import { buildPath } from '@ms/contracts-common';\nexport const x = buildPath;\n",
    );
    expect(messages).toEqual([]);
  });

  it('forbids contracts from importing platform or tool code', () => {
    const platform = lintAsIfIn(
      'libs/contracts/common/src/lib/fixture.ts',
      "import { createServiceApp } from '@ms/platform-core';\nexport const x = createServiceApp;\n",
    );
    expect(platform).not.toEqual([]);
    const tool = lintAsIfIn(
      'libs/contracts/common/src/lib/fixture.ts',
      // the generators tool: it imports no contracts, so the answer is the tag rule, not a dependency cycle
      "import { microserviceGenerator } from '@ms/generators';\nexport const x = microserviceGenerator;\n",
    );
    expect(tool.join('\n')).toMatch(/tagged with "type:contract" can only depend on libs tagged with "type:contract"/);
  });

  it('forbids contracts from importing server-only packages', () => {
    for (const pkg of ['typeorm', '@nestjs/typeorm', 'pg', '@aws-sdk/client-s3']) {
      const messages = lintAsIfIn(
        'libs/contracts/common/src/lib/fixture.ts',
        `import * as banned from '${pkg}';\nexport const x = banned;\n`,
      );
      expect(messages.join('\n')).toContain(`A project tagged with "type:contract" is not allowed to import "${pkg}"`);
    }
  });

  it('forbids platform libraries from importing tools', () => {
    const messages = lintAsIfIn(
      'libs/platform/core/src/lib/fixture.ts',
      "import * as checks from '@ms/workspace-checks';\nexport const x = checks;\n",
    );
    expect(messages.join('\n')).toMatch(/tagged with "type:platform" can only depend on libs tagged with/);
  });

  it('keeps test support out of production code, and lets specs use it', () => {
    const source = "import { eventually } from '@ms/platform-core/testing';\nexport const x = eventually;\n";
    const production = lintAsIfIn('apps/order-processing/src/app/orders/fixture.ts', source, 'no-restricted-imports');
    expect(production.join('\n')).toContain('Test support: import it from specs or test helpers');
    expect(lintAsIfIn('apps/order-processing/src/app/orders/fixture.spec.ts', source, 'no-restricted-imports')).toEqual(
      [],
    );
  });
});
