import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyWorkspace, type WorkspaceCopy } from './workspace-copy';

/**
 * The generator's promise, checked for real: in a copy of this workspace, new services (every level, with and without
 * messaging) build, lint and pass their tests with no hand edits; removing them leaves every registration as it was.
 */
describe('a generated service', () => {
  jest.setTimeout(900_000); // four services generated, built, linted and tested: several minutes
  let workspace: WorkspaceCopy;
  const registrationFiles = [
    'tsconfig.base.json',
    'libs/contracts/registry/src/index.ts',
    'CODEOWNERS',
    'docs/services.md',
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
   * One service per level, so every variant of the features and tests compiles: the hybrid one is the fullest common
   * service (database, cache, events; its weight is measured below), the internal one has the samples that write
   * without a database, the public one the adapters whose samples write (which a public service serves read-only),
   * and one has no adapter at all.
   */
  const SERVICES: Record<string, string[]> = {
    'parcel-tracker': ['--accessibility=hybrid', '--persistence=database,cache', '--messaging'],
    'parcel-lockers': ['--accessibility=internal', '--persistence=file-storage,cache'],
    'parcel-status': ['--accessibility=public', '--persistence=database,file-storage'],
    'parcel-notes': ['--accessibility=hybrid', '--persistence=none'], // no adapter: no route yet, still a service
  };
  const projects = Object.keys(SERVICES).flatMap((name) => [name, `contracts-${name}`]);
  const generate = (name: string) =>
    workspace.nx('g', '@ms/generators:microservice', name, ...SERVICES[name], '--team=orders', '--no-interactive');

  /** Every file of the copy, but what is never the generator's output. */
  const listFiles = (dir = workspace.root): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (!entry.isDirectory()) return [relative(workspace.root, path)];
      return ['node_modules', 'dist', '.nx', 'tmp'].includes(entry.name) ? [] : listFiles(path);
    });

  /**
   * The weight of a service: every file the generator writes for it (app, contracts, deployment; tests and
   * configuration included), formatted as committed. Shared presets and derived deployment keep it small.
   */
  it('writes a hybrid service with database, cache and events in at most 28 files and 800 lines', () => {
    const before = new Set(listFiles());
    generate('parcel-tracker');
    const written = listFiles().filter((file) => !before.has(file));
    const lines = written.map((file) => readFileSync(join(workspace.root, file), 'utf8').trimEnd().split('\n').length);
    const total = lines.reduce((sum, count) => sum + count, 0);
    // the measure, for the record (issue 14 started at 47 files, ~1,350 lines)
    console.log(
      `parcel-tracker: ${written.length} files, ${total} lines\n${written.map((file, i) => `${lines[i]}\t${file}`).join('\n')}`,
    );
    expect(written.length).toBeLessThanOrEqual(28);
    expect(total).toBeLessThanOrEqual(800);

    // Each route path is written once, in the contracts' route table: handlers, client and docs read it from there.
    const sources = written.filter((file) => /\.ts$/.test(file) && !/\.spec\.ts$/.test(file));
    for (const path of ['/items', '/items/:id', '/activity', '/summary']) {
      const pattern = new RegExp(`(?<![\\w.-])${path.replace(/[/:]/g, '\\$&')}(?![\\w/:-]|\\.[A-Za-z])`);
      const spelling = sources.filter((file) => pattern.test(readFileSync(join(workspace.root, file), 'utf8')));
      expect({ path, files: spelling }).toEqual({
        path,
        files: ['libs/contracts/parcel-tracker/src/lib/parcel-tracker.service.ts'],
      });
    }
  });

  it('builds, lints and passes its tests immediately', () => {
    for (const name of Object.keys(SERVICES).filter((name) => !existsSync(join(workspace.root, 'apps', name)))) {
      generate(name);
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
    expect(tagged.filter((name) => name.startsWith('parcel-'))).toEqual(['parcel-tracker']);
  });

  it('is removed without leaving a registration behind', () => {
    for (const name of Object.keys(SERVICES))
      workspace.nx('g', '@ms/generators:remove-microservice', name, '--no-interactive');
    for (const file of registrationFiles) {
      expect({ file, text: readFileSync(join(workspace.root, file), 'utf8') }).toEqual({ file, text: before[file] });
    }
    const leftovers = Object.keys(SERVICES).flatMap((name) => [`apps/${name}`, `libs/contracts/${name}`]);
    expect(leftovers.filter((path) => existsSync(join(workspace.root, path)))).toEqual([]);
    workspace.nx('sync:check');
  });
});
