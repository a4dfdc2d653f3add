import { readJson, Tree, writeJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { microserviceGenerator } from '../microservice/generator';
import { removeMicroserviceGenerator } from './generator';

process.env['NX_SKIP_FORMAT'] = 'true';

async function workspaceWith(...names: string[]): Promise<Tree> {
  const tree = createTreeWithEmptyWorkspace();
  writeJson(tree, 'teams.json', { platform: '@acme/platform', catalog: '@acme/catalog' });
  for (const name of names) {
    await microserviceGenerator(tree, { name, accessibility: 'hybrid', persistence: ['database'], team: 'catalog' });
  }
  return tree;
}

describe('remove-microservice generator', () => {
  it('leaves no registration behind', async () => {
    const tree = await workspaceWith('keep-me', 'drop-me');
    await removeMicroserviceGenerator(tree, { name: 'drop-me' });

    expect(tree.exists('apps/drop-me')).toBe(false);
    expect(tree.exists('libs/contracts/drop-me')).toBe(false);
    expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths['@ms/contracts-drop-me']).toBeUndefined();
    const registry = tree.read('libs/contracts/registry/src/index.ts', 'utf-8') ?? '';
    expect(registry).not.toContain('DROP_ME');
    expect(registry).toContain('KEEP_ME_SERVICE,');
    expect(tree.read('CODEOWNERS', 'utf-8')).not.toContain('drop-me');
    expect(tree.read('docs/services.md', 'utf-8')).not.toContain('drop-me');
    expect(tree.read('CODEOWNERS', 'utf-8')).toContain('/apps/keep-me/');
  });

  it('refuses while another project imports the contracts, naming the file', async () => {
    const tree = await workspaceWith('keep-me', 'drop-me');
    tree.write(
      'apps/keep-me/src/app/uses-drop-me.ts',
      "import { DropMeClient } from '@ms/contracts-drop-me';\nexport const c = DropMeClient;\n",
    );
    await expect(removeMicroserviceGenerator(tree, { name: 'drop-me' })).rejects.toThrow(
      'cannot remove drop-me: @ms/contracts-drop-me is still imported by apps/keep-me/src/app/uses-drop-me.ts',
    );
    expect(tree.exists('apps/drop-me')).toBe(true);
  });

  it('refuses an unknown service', async () => {
    const tree = await workspaceWith('keep-me');
    await expect(removeMicroserviceGenerator(tree, { name: 'ghost' })).rejects.toThrow(
      '--name "ghost" is not a generated microservice',
    );
  });
});
