import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyWorkspace, type WorkspaceCopy } from './workspace-copy';

/**
 * The generator's promise, checked for real: in a copy of this workspace, a new service builds, lints and passes
 * its tests with no hand edits; removing it leaves every registration as it was.
 */
describe('a generated service', () => {
  jest.setTimeout(600_000);
  let workspace: WorkspaceCopy;
  const registrationFiles = ['tsconfig.base.json', 'libs/contracts/registry/src/index.ts', 'CODEOWNERS', 'docs/services.md'];
  let before: Record<string, string>;

  beforeAll(() => {
    workspace = copyWorkspace('ms-generated');
    workspace.nx('sync');
    before = Object.fromEntries(registrationFiles.map((file) => [file, readFileSync(join(workspace.root, file), 'utf8')]));
  });
  afterAll(() => workspace?.remove());

  it('builds, lints and passes its tests immediately', () => {
    workspace.nx(
      'g',
      '@ms/generators:microservice',
      'parcel-tracker',
      '--accessibility=hybrid',
      '--persistence=database,file-storage,cache',
      '--team=orders',
      '--no-interactive',
    );
    workspace.nx('sync:check');
    const output = workspace.nx('run-many', '-t', 'lint', 'test', 'build', '-p', 'parcel-tracker', 'contracts-parcel-tracker', '--outputStyle=static');
    // nx exits non-zero (and `run` throws with its output) when any target fails.
    expect(stripVTControlCharacters(output)).toContain('Successfully ran targets lint, test, build for 2 projects');
    expect(readFileSync(join(workspace.root, 'CODEOWNERS'), 'utf8')).toMatch(/\/apps\/parcel-tracker\/\s+@bootstrapping-ms\/orders-team/);
  });

  it('is removed without leaving a registration behind', () => {
    workspace.nx('g', '@ms/generators:remove-microservice', 'parcel-tracker', '--no-interactive');
    for (const file of registrationFiles) {
      expect({ file, text: readFileSync(join(workspace.root, file), 'utf8') }).toEqual({ file, text: before[file] });
    }
    workspace.nx('sync:check');
  });
});
