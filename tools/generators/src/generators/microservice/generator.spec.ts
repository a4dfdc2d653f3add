import { readJson, readProjectConfiguration, Tree, writeJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { microserviceGenerator } from './generator';
import type { Accessibility, PersistenceAdapter } from './schema';

process.env['NX_SKIP_FORMAT'] = 'true';

const TEAMS = { platform: '@acme/platform', catalog: '@acme/catalog', orders: '@acme/orders' };
const LEVELS: Accessibility[] = ['public', 'internal', 'hybrid'];
const ADAPTERS: PersistenceAdapter[] = ['database', 'file-storage', 'cache'];
/** Every subset of the adapters, including none. */
const ADAPTER_SETS: PersistenceAdapter[][] = Array.from({ length: 1 << ADAPTERS.length }, (_, mask) =>
  ADAPTERS.filter((_, bit) => mask & (1 << bit)),
);

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  writeJson(tree, 'teams.json', TEAMS);
  return tree;
}

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';

describe('microservice generator', () => {
  describe.each(LEVELS)('%s service', (accessibility) => {
    it.each(ADAPTER_SETS.map((set) => [set.join('+') || 'none', set] as const))('with %s', async (_, persistence) => {
      const tree = workspace();
      await microserviceGenerator(tree, { name: 'stock-keeper', accessibility, persistence: persistence.length ? persistence : ['none'], team: 'catalog' });

      const app = readProjectConfiguration(tree, 'stock-keeper');
      expect(app.root).toBe('apps/stock-keeper');
      expect(app.tags).toEqual(['type:app', 'team:catalog', `access:${accessibility}`, ...persistence.map((p) => `persistence:${p}`)]);
      expect(app.targets?.['serve']).toBeDefined();
      expect(Boolean(app.targets?.['migrate'])).toBe(persistence.includes('database'));
      expect(readProjectConfiguration(tree, 'contracts-stock-keeper').tags).toEqual(['type:contract', 'team:catalog']);

      // Public and internal controllers live in separate folders, exactly as the level requires.
      const publicController = 'apps/stock-keeper/src/app/public/stock-keeper-public.controller.ts';
      const internalController = 'apps/stock-keeper/src/app/internal/stock-keeper-internal.controller.ts';
      expect(tree.exists(publicController)).toBe(accessibility !== 'internal');
      expect(tree.exists(internalController)).toBe(accessibility !== 'public');
      if (tree.exists(publicController)) {
        expect(read(tree, publicController)).toContain('@Public()');
        expect(read(tree, publicController)).not.toContain('@Internal()');
      }
      if (tree.exists(internalController)) {
        expect(read(tree, internalController)).toContain('@Internal()');
        expect(read(tree, internalController)).not.toContain('@Public()');
      }

      // The route table matches the level and lists one sample per adapter.
      const descriptor = read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.service.ts');
      expect(descriptor).toContain(`accessibility: 'hybrid'`.replace('hybrid', accessibility));
      expect(descriptor).toContain('defaultPort: 3101');
      if (accessibility === 'public') expect(descriptor).not.toContain(`access: 'internal'`);
      if (accessibility === 'internal') expect(descriptor).not.toContain(`access: 'public'`);
      if (accessibility === 'hybrid') {
        expect(descriptor).toContain(`access: 'internal'`);
        expect(descriptor).toContain(`access: 'public'`);
      }
      expect(descriptor.includes(`path: '/items'`)).toBe(persistence.includes('database'));
      expect(descriptor.includes(`path: '/files/:key'`)).toBe(persistence.includes('file-storage'));
      expect(descriptor.includes(`path: '/summary'`)).toBe(persistence.includes('cache'));

      // Each chosen adapter is wired in, and no other.
      const appModule = read(tree, 'apps/stock-keeper/src/app/app.module.ts');
      expect(appModule.includes('DatabaseModule.forRoot')).toBe(persistence.includes('database'));
      expect(appModule.includes('FileStorageModule.forRoot')).toBe(persistence.includes('file-storage'));
      expect(appModule.includes('CacheModule.forRoot')).toBe(persistence.includes('cache'));
      expect(tree.exists('apps/stock-keeper/src/migrations/1700000000000-create-items.ts')).toBe(persistence.includes('database'));
      expect(tree.exists('apps/stock-keeper/src/migrations.spec.ts')).toBe(persistence.includes('database'));
      expect(tree.exists('apps/stock-keeper/src/app/app.http.spec.ts')).toBe(true);

      // Registered where a service must be known.
      expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths['@ms/contracts-stock-keeper']).toEqual([
        './libs/contracts/stock-keeper/src/index.ts',
      ]);
      expect(read(tree, 'libs/contracts/registry/src/index.ts')).toContain('STOCK_KEEPER_SERVICE,');
      expect(read(tree, 'CODEOWNERS')).toMatch(/\/apps\/stock-keeper\/\s+@acme\/catalog/);
      expect(read(tree, 'CODEOWNERS')).toMatch(/\/libs\/contracts\/stock-keeper\/\s+@acme\/catalog/);
      expect(read(tree, 'docs/services.md')).toContain(`| [stock-keeper](../apps/stock-keeper/README.md) | ${accessibility} |`);
    });
  });

  it('takes the next free port', async () => {
    const tree = workspace();
    await microserviceGenerator(tree, { name: 'first', accessibility: 'public', persistence: ['none'], team: 'catalog' });
    await microserviceGenerator(tree, { name: 'second', accessibility: 'internal', persistence: 'database,cache', team: 'orders' });
    expect(read(tree, 'libs/contracts/first/src/lib/first.service.ts')).toContain('defaultPort: 3101');
    expect(read(tree, 'libs/contracts/second/src/lib/second.service.ts')).toContain('defaultPort: 3102');
    expect(read(tree, 'libs/contracts/registry/src/index.ts')).toMatch(/FIRST_SERVICE,\s+SECOND_SERVICE,/);
  });

  describe('refuses bad options, naming them and writing nothing', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a bad name', { name: 'Stock_Keeper' }, /--name "Stock_Keeper" is not a valid service name/],
      ['a reserved name', { name: 'registry' }, /--name "registry" is reserved/],
      ['an unknown level', { accessibility: 'secret' }, /--accessibility "secret" is unknown; choose one of public, internal, hybrid/],
      ['an unknown adapter', { persistence: ['database', 'mongo'] }, /--persistence: unknown adapter "mongo"/],
      ['none with adapters', { persistence: ['none', 'cache'] }, /"none" cannot be combined/],
      ['no persistence', { persistence: [] }, /--persistence is required/],
      ['an unknown team', { team: 'wizards' }, /--team "wizards" is not declared in teams.json; known teams: platform, catalog, orders/],
      ['a taken port', { port: 3101 }, /--port 3101 is already used/],
    ];
    it.each(cases)('%s', async (_, override, message) => {
      const tree = workspace();
      await microserviceGenerator(tree, { name: 'taken', accessibility: 'public', persistence: ['none'], team: 'catalog' });
      const before = tree.listChanges().length;
      const options = { name: 'stock-keeper', accessibility: 'public', persistence: ['none'], team: 'catalog', ...override };
      await expect(microserviceGenerator(tree, options as never)).rejects.toThrow(message);
      expect(tree.listChanges().length).toBe(before);
    });

    it('an existing name', async () => {
      const tree = workspace();
      await microserviceGenerator(tree, { name: 'stock-keeper', accessibility: 'public', persistence: ['none'], team: 'catalog' });
      await expect(
        microserviceGenerator(tree, { name: 'stock-keeper', accessibility: 'internal', persistence: ['none'], team: 'catalog' }),
      ).rejects.toThrow('--name "stock-keeper": apps/stock-keeper already exists');
    });

    it('a workspace without teams.json', async () => {
      const tree = createTreeWithEmptyWorkspace();
      await expect(
        microserviceGenerator(tree, { name: 'x', accessibility: 'public', persistence: ['none'], team: 'catalog' }),
      ).rejects.toThrow('teams.json not found');
    });
  });
});
