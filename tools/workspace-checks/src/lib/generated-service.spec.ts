import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyWorkspace, type WorkspaceCopy } from './workspace-copy';

/**
 * The generator's promise, checked for real: in a copy of this workspace, new services (every level, with and without
 * messaging) build, lint and pass their tests with no hand edits; removing them leaves every registration as it was.
 */
describe('a generated service', () => {
  jest.setTimeout(900_000); // three services generated, built, linted and tested: several minutes
  let workspace: WorkspaceCopy;
  const registrationFiles = [
    'tsconfig.base.json',
    'libs/contracts/registry/src/index.ts',
    'CODEOWNERS',
    'docs/services.md',
    'deploy/k8s/services/kustomization.yaml',
    'deploy/k8s/base/config.yaml',
    'deploy/k8s/overlays/production/kustomization.yaml',
  ];
  let before: Record<string, string>;

  beforeAll(() => {
    workspace = copyWorkspace('ms-generated');
    workspace.nx('sync');
    before = Object.fromEntries(
      registrationFiles.map((file) => [file, readFileSync(join(workspace.root, file), 'utf8')]),
    );
  });
  afterAll(() => workspace?.remove());

  /**
   * One service per level, so every variant of the controllers and tests compiles; the hybrid one with everything, the
   * public one with the adapters whose samples write (which a public service serves read-only).
   */
  const SERVICES: Record<string, string[]> = {
    'parcel-tracker': ['--accessibility=hybrid', '--persistence=database,file-storage,cache', '--messaging'],
    'parcel-lockers': ['--accessibility=internal', '--persistence=database', '--messaging'],
    'parcel-status': ['--accessibility=public', '--persistence=database,file-storage'],
  };
  const projects = Object.keys(SERVICES).flatMap((name) => [name, `contracts-${name}`]);

  it('builds, lints and passes its tests immediately', () => {
    for (const [name, options] of Object.entries(SERVICES)) {
      workspace.nx('g', '@ms/generators:microservice', name, ...options, '--team=orders', '--no-interactive');
    }
    workspace.nx('sync:check');
    const output = workspace.nx('run-many', '-t', 'lint', 'test', 'build', '-p', ...projects, '--outputStyle=static');
    // nx exits non-zero (and `run` throws with its output) when any target fails.
    expect(stripVTControlCharacters(output)).toContain(
      `Successfully ran targets lint, test, build for ${projects.length} projects`,
    );
    expect(readFileSync(join(workspace.root, 'CODEOWNERS'), 'utf8')).toMatch(
      /\/apps\/parcel-tracker\/\s+@bootstrapping-ms\/orders-team/,
    );
    // the messaging services are found by their tag (which their deployment is derived from, too)
    const tagged = JSON.parse(
      workspace.nx('show', 'projects', '--projects', 'tag:messaging:events', '--json'),
    ) as string[];
    expect(tagged.filter((name) => name.startsWith('parcel-')).sort()).toEqual(['parcel-lockers', 'parcel-tracker']);
  });

  it('is removed without leaving a registration behind', () => {
    for (const name of Object.keys(SERVICES))
      workspace.nx('g', '@ms/generators:remove-microservice', name, '--no-interactive');
    for (const file of registrationFiles) {
      expect({ file, text: readFileSync(join(workspace.root, file), 'utf8') }).toEqual({ file, text: before[file] });
    }
    const leftovers = Object.keys(SERVICES).flatMap((name) => [
      `apps/${name}`,
      `libs/contracts/${name}`,
      `deploy/k8s/services/${name}`,
    ]);
    expect(leftovers.filter((path) => existsSync(join(workspace.root, path)))).toEqual([]);
    workspace.nx('sync:check');
  });
});
