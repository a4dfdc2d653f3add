import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, type WorkspaceCopy } from './workspace-copy';

/**
 * `nx affected` tests and deploys only what changed: proven in a temporary git repository holding a copy of this
 * workspace, by committing a change and asking Nx which projects it affects.
 */
describe('nx affected', () => {
  jest.setTimeout(180_000);
  let workspace: WorkspaceCopy;

  beforeAll(() => {
    workspace = copyWorkspace('ms-affected');
    workspace.run('git', ['init', '-q', '-b', 'main']);
    workspace.run('git', ['add', '-A']);
    workspace.run('git', ['-c', 'user.email=ci@example.test', '-c', 'user.name=ci', 'commit', '-qm', 'base']);
  });
  afterAll(() => workspace?.remove());

  const affectedBy = (file: string, content: string): string[] => {
    workspace.run('git', ['checkout', '-q', '-B', `change-${Date.now()}`, 'main']);
    appendFileSync(join(workspace.root, file), content);
    workspace.run('git', ['-c', 'user.email=ci@example.test', '-c', 'user.name=ci', 'commit', '-qam', `touch ${file}`]);
    const output = workspace.nx('show', 'projects', '--affected', '--base=main', '--head=HEAD', '--json');
    return (JSON.parse(output) as string[]).sort();
  };

  it('a change inside one service affects only that service and the system tests', () => {
    expect(affectedBy('apps/order-processing/src/main.ts', '\n// touched\n')).toEqual([
      'order-processing',
      'system-e2e',
    ]);
  });

  it('a change to a contracts library affects the services that consume it', () => {
    const affected = affectedBy('libs/contracts/product-search/src/index.ts', '\n// touched\n');
    expect(affected).toEqual(
      expect.arrayContaining(['contracts-product-search', 'product-search', 'order-processing', 'gateway']),
    );
    expect(affected).not.toContain('user-management');
  });

  it('a change to the platform affects every service', () => {
    const affected = affectedBy('libs/platform/core/src/index.ts', '\n// touched\n');
    expect(affected).toEqual(
      expect.arrayContaining(['gateway', 'order-processing', 'product-search', 'user-management']),
    );
  });

  it('a change to the root README affects nothing that runs', () => {
    expect(affectedBy('README.md', '\nmore words\n')).toEqual([]);
  });
});
