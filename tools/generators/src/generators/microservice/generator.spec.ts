import { readJson, readProjectConfiguration, Tree, writeJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { serviceTargets } from '../../plugins/service-targets';
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
      await microserviceGenerator(tree, {
        name: 'stock-keeper',
        accessibility,
        persistence: persistence.length ? persistence : ['none'],
        team: 'catalog',
      });

      const app = readProjectConfiguration(tree, 'stock-keeper');
      expect(app.root).toBe('apps/stock-keeper');
      expect(app.tags).toEqual(['type:app', 'team:catalog', ...persistence.map((p) => `persistence:${p}`)]);
      // project.json says only what is particular to the service; its shared targets are inferred by the plugin
      expect(readJson(tree, 'apps/stock-keeper/project.json').targets).toBeUndefined();
      expect(read(tree, 'apps/stock-keeper/project.json').split('\n').length).toBeLessThanOrEqual(30);
      const inferred = serviceTargets(app.root, app);
      expect(inferred['serve']).toBeDefined();
      expect(inferred['deploy']).toBeDefined();
      expect(Boolean(inferred['migrate'])).toBe(persistence.includes('database'));
      expect(readProjectConfiguration(tree, 'contracts-stock-keeper').tags).toEqual(['type:contract', 'team:catalog']);
      // Builds and tests come from the shared presets: no per-service tsconfig variants, lint config or Dockerfile.
      for (const file of ['tsconfig.app.json', 'tsconfig.spec.json', 'eslint.config.mjs', 'Dockerfile']) {
        expect(tree.exists(`apps/stock-keeper/${file}`)).toBe(false);
      }
      expect(read(tree, 'apps/stock-keeper/webpack.config.js')).toBe(
        "module.exports = require('../../tools/presets/webpack-app')(__dirname);\n",
      );

      // The route table matches the level and lists one sample per adapter; the descriptor reads it, never restates it.
      const descriptor = read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.service.ts');
      expect(descriptor).toContain(`accessibility: '${accessibility}'`);
      expect(descriptor).toContain('defaultPort: 3101');
      expect(descriptor).toContain('routes: Object.values(STOCK_KEEPER_ROUTES),');
      if (accessibility === 'public') expect(descriptor).not.toContain(`access: 'internal'`);
      if (accessibility === 'internal') expect(descriptor).not.toContain(`access: 'public'`);
      // a hybrid service keeps its writes internal and serves its reads publicly
      if (accessibility === 'hybrid') {
        const writes = persistence.includes('database') || persistence.includes('file-storage');
        expect(descriptor.includes(`access: 'internal'`)).toBe(writes);
        expect(descriptor.includes(`access: 'public'`)).toBe(persistence.length > 0);
      }
      expect(descriptor.includes(`path: '/items'`)).toBe(persistence.includes('database'));
      expect(descriptor.includes(`path: '/files/:key'`)).toBe(persistence.includes('file-storage'));
      expect(descriptor.includes(`path: '/summary'`)).toBe(persistence.includes('cache'));
      expect(descriptor).not.toContain('/info');

      // Every handler is bound to its declaration (which also sets its access); no path is spelled out in the app.
      const sources = tree
        .listChanges()
        .filter((change) => change.path.startsWith('apps/stock-keeper/src/') && !change.path.endsWith('.spec.ts'))
        .map((change) => read(tree, change.path));
      const declared = [...descriptor.matchAll(/^ {2}(\w+): \{ method/gm)].map(([, name]) => name);
      const bound = sources.flatMap((text) => [...text.matchAll(/@Handles\(ROUTES\.(\w+)\)/g)].map(([, name]) => name));
      expect(bound.sort()).toEqual(declared.sort());
      expect(
        sources.filter(
          (text) => /@(Public|Internal|Get|Post|Put)\(/.test(text) || /'\/(items|files|summary|activity)/.test(text),
        ),
      ).toEqual([]);

      // Each chosen adapter is wired in, and no other; each resource is a feature module of its own.
      const appModule = read(tree, 'apps/stock-keeper/src/app/app.module.ts');
      expect(appModule.includes('DatabaseModule.forRoot')).toBe(persistence.includes('database'));
      expect(appModule.includes('FileStorageModule')).toBe(false); // the files feature brings its storage
      expect(tree.exists('apps/stock-keeper/src/app/files/files.module.ts')).toBe(persistence.includes('file-storage'));
      expect(appModule.includes('CacheModule.forRoot')).toBe(persistence.includes('cache'));
      expect(appModule.includes('ItemsModule')).toBe(persistence.includes('database'));
      expect(tree.exists('apps/stock-keeper/src/app/summary')).toBe(
        persistence.includes('cache') && !persistence.includes('database'),
      );
      expect(tree.exists('apps/stock-keeper/src/migrations/1700000000000-create-tables.ts')).toBe(
        persistence.includes('database'),
      );
      expect(tree.exists('apps/stock-keeper/src/app/app.http.spec.ts')).toBe(true);
      expect(tree.exists('apps/stock-keeper/src/app/info')).toBe(false);

      // Without --messaging, nothing of it.
      expect(tree.exists('libs/contracts/stock-keeper/src/lib/events.ts')).toBe(false);
      expect(tree.exists('apps/stock-keeper/src/app/activity')).toBe(false);
      expect(appModule).not.toContain('Messaging');
      expect(descriptor).not.toContain('/activity');

      // Registered where a service must be known.
      expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths['@ms/contracts-stock-keeper']).toEqual([
        './libs/contracts/stock-keeper/src/index.ts',
      ]);
      expect(read(tree, 'libs/contracts/registry/src/index.ts')).toContain('STOCK_KEEPER_SERVICE,');
      expect(read(tree, 'CODEOWNERS')).toMatch(/\/apps\/stock-keeper\/\s+@acme\/catalog/);
      expect(read(tree, 'CODEOWNERS')).toMatch(/\/libs\/contracts\/stock-keeper\/\s+@acme\/catalog/);
      expect(read(tree, 'docs/services.md')).toContain(
        `| [stock-keeper](../apps/stock-keeper/README.md) | ${accessibility} |`,
      );
    });
  });

  it('the typed client calls each JSON route through its declaration', async () => {
    const tree = workspace();
    await microserviceGenerator(tree, {
      name: 'stock-keeper',
      accessibility: 'hybrid',
      persistence: ['database', 'file-storage', 'cache'],
      team: 'catalog',
    });
    const client = read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.client.ts');
    expect(client).toContain(
      'createItem(body: CreateItemDto) {\n    return callRoute(this.caller, STOCK_KEEPER_SERVICE, ROUTES.createItem, { body });',
    );
    expect(client).toContain('listItems(query: ListItemsQueryDto = {}) {');
    expect(client).toContain('callRoute(this.caller, STOCK_KEEPER_SERVICE, ROUTES.getItem, { params: { id } })');
    expect(client).toContain('callRoute(this.caller, STOCK_KEEPER_SERVICE, ROUTES.getSummary)');
    expect(client).not.toMatch(/File|path:|'\//); // bytes are no JSON route; paths come from the declarations
  });

  it('takes the next free port', async () => {
    const tree = workspace();
    await microserviceGenerator(tree, {
      name: 'first',
      accessibility: 'public',
      persistence: ['none'],
      team: 'catalog',
    });
    await microserviceGenerator(tree, {
      name: 'second',
      accessibility: 'internal',
      persistence: 'database,cache',
      team: 'orders',
    });
    expect(read(tree, 'libs/contracts/first/src/lib/first.service.ts')).toContain('defaultPort: 3101');
    expect(read(tree, 'libs/contracts/second/src/lib/second.service.ts')).toContain('defaultPort: 3102');
    expect(read(tree, 'libs/contracts/registry/src/index.ts')).toMatch(/FIRST_SERVICE,\s+SECOND_SERVICE,/);
  });

  describe('--messaging', () => {
    const APP = 'apps/stock-keeper';
    const generate = async (accessibility: Accessibility, persistence: PersistenceAdapter[] = ['database']) => {
      const tree = workspace();
      await microserviceGenerator(tree, {
        name: 'stock-keeper',
        accessibility,
        persistence,
        messaging: true,
        team: 'catalog',
      });
      return tree;
    };

    it('declares the event in the contracts lib and exports it', async () => {
      const tree = await generate('internal');
      const events = read(tree, 'libs/contracts/stock-keeper/src/lib/events.ts');
      expect(events).toContain(`import { defineEvent } from '@ms/contracts-common';`);
      expect(events).toMatch(
        /export class ItemCreated \{\s+@IsUUID\(\)\s+readonly itemId!: string;\s+@IsString\(\)\s+@IsNotEmpty\(\)\s+readonly name!: string;\s+\}/,
      );
      expect(events).toContain(
        `export const StockKeeperItemCreatedEvent = defineEvent('stock-keeper.item-created', ItemCreated);`,
      );
      expect(read(tree, 'libs/contracts/stock-keeper/src/index.ts')).toContain(`export * from './lib/events';`);
      expect(read(tree, `${APP}/README.md`)).toContain('`stock-keeper.item-created` (`StockKeeperItemCreatedEvent`)');
    });

    it('publishes it in the transaction that inserts the item, and consumes it into the activity feed', async () => {
      const tree = await generate('public', ['database', 'cache']);
      const items = read(tree, `${APP}/src/app/items/items.service.ts`);
      expect(items).toMatch(/transaction\(async \(manager\) => \{\s+const saved = await manager\.save\(/);
      expect(items).toContain(
        'await this.events.publishInTransaction(manager, StockKeeperItemCreatedEvent, { itemId: saved.id, name: saved.name });',
      );
      expect(items).toContain("this.cache.getOrSet('summary', SUMMARY_TTL_MS"); // with a database the summary counts items

      const handler = read(tree, `${APP}/src/app/activity/activity.service.ts`);
      expect(handler).toContain('@OnEvent(StockKeeperItemCreatedEvent)');
      expect(handler).toContain('await manager.insert(ActivityEntry, {');
      expect(handler).toContain('summary: `item created: ${item.name}`');
      expect(handler).toContain('take: ACTIVITY_LIMIT');
      expect(handler).toContain('export const ACTIVITY_LIMIT = 50;');
      const entity = read(tree, `${APP}/src/app/activity/activity-entry.entity.ts`);
      expect(entity).toContain(`@Entity({ name: 'activity' })`);
      expect(entity).toContain(`@Index('IDX_activity_occurred_at', ['occurredAt'])`);
      expect(read(tree, `${APP}/src/migrations/1700000000000-create-tables.ts`)).toContain('CREATE TABLE "activity"');
      expect(read(tree, `${APP}/src/app/activity/activity.module.ts`)).toContain(
        'imports: [TypeOrmModule.forFeature([ActivityEntry])],',
      );
      expect(read(tree, `${APP}/src/app/activity/activity.controller.ts`)).toContain('@Handles(ROUTES.listActivity)');

      const appModule = read(tree, `${APP}/src/app/app.module.ts`);
      expect(appModule).toMatch(/DatabaseModule\.forRoot\(DATABASE\),\s+MessagingModule\.forRoot\(\),/);
      expect(appModule).toMatch(/ItemsModule,\s+ActivityModule,/);
      const database = read(tree, `${APP}/src/database.ts`);
      expect(database).toContain('entities: [Item, ActivityEntry],');
      expect(database).toContain('migrations: [CreateTables1700000000000],');
      expect(database).toContain('libraryTables: [MESSAGING_TABLES],');

      const spec = read(tree, `${APP}/src/app/app.http.spec.ts`);
      expect(spec).toContain(`import { eventually, startTestService, type TestService } from '@ms/platform-testing';`);
      expect(spec).toContain(`'the item-created event in the activity feed'`);
    });

    it.each([
      ['public', []],
      ['hybrid', ['createItem', 'putFile']],
      ['internal', ['createItem', 'putFile']],
    ] as const)('a %s service has no anonymous write: its sample writes are %j', async (accessibility, writes) => {
      const tree = await generate(accessibility, ['database', 'file-storage']);
      const descriptor = read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.service.ts');
      const declared = [...descriptor.matchAll(/^ {2}(\w+): \{ method: '(POST|PUT|PATCH|DELETE)'.*$/gm)];
      expect(declared.map(([, name]) => name)).toEqual(writes);
      expect(declared.every(([line]) => line.includes(`access: 'internal', callers: ['gateway']`))).toBe(true);
      if (accessibility === 'public') {
        expect(read(tree, `${APP}/src/app/items/items.controller.ts`)).not.toContain('createItem');
        expect(read(tree, `${APP}/src/app/files/files.controller.ts`)).not.toContain('putFile');
        expect(read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.client.ts')).not.toContain('createItem');
      }
    });

    it.each([
      ['public', 'public'],
      ['internal', 'internal'],
      ['hybrid', 'public'],
    ] as const)('a %s service serves the activity feed %sly, like its other reads', async (accessibility, side) => {
      const tree = await generate(accessibility);
      expect(read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.service.ts')).toContain(
        `listActivity: { method: 'GET', path: '/activity', access: '${side}'${side === 'internal' ? ", callers: ['gateway']" : ''}, response: type<ActivityEntryDto[]>() },`,
      );
      expect(read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.client.ts')).toContain(
        'callRoute(this.caller, STOCK_KEEPER_SERVICE, ROUTES.listActivity)',
      );
    });

    it('tags the project messaging:events (its deployment gets the broker from that tag)', async () => {
      const tree = await generate('hybrid', ['database', 'file-storage']);
      expect(readProjectConfiguration(tree, 'stock-keeper').tags).toEqual([
        'type:app',
        'team:catalog',
        'persistence:database',
        'persistence:file-storage',
        'messaging:events',
      ]);
    });
  });

  /**
   * The weight of a service: everything the generator writes for the fullest common one (hybrid, database, cache,
   * events), tests and configuration included. The workspace check counts it again after formatting, in a real copy.
   */
  it('writes a hybrid service with database, cache and events in at most 28 files and 800 lines', async () => {
    const tree = workspace();
    const before = new Set(tree.listChanges().map((change) => change.path));
    await microserviceGenerator(tree, {
      name: 'stock-keeper',
      accessibility: 'hybrid',
      persistence: ['database', 'cache'],
      messaging: true,
      team: 'catalog',
    });
    const written = tree
      .listChanges()
      .filter((change) => change.type === 'CREATE' && !before.has(change.path))
      .filter((change) => /^(apps|libs\/contracts)\/stock-keeper\//.test(change.path));
    const lines = written.reduce(
      (sum, change) => sum + (change.content?.toString().trimEnd().split('\n').length ?? 0),
      0,
    );
    expect(written.length).toBeLessThanOrEqual(28);
    expect(lines).toBeLessThanOrEqual(800);
  });

  describe('refuses bad options, naming them and writing nothing', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a bad name', { name: 'Stock_Keeper' }, /--name "Stock_Keeper" is not a valid service name/],
      ['a reserved name', { name: 'registry' }, /--name "registry" is reserved/],
      [
        'an unknown level',
        { accessibility: 'secret' },
        /--accessibility "secret" is unknown; choose one of public, internal, hybrid/,
      ],
      ['an unknown adapter', { persistence: ['database', 'mongo'] }, /--persistence: unknown adapter "mongo"/],
      ['none with adapters', { persistence: ['none', 'cache'] }, /"none" cannot be combined/],
      ['no persistence', { persistence: [] }, /--persistence is required/],
      [
        'an unknown team',
        { team: 'wizards' },
        /--team "wizards" is not declared in teams.json; known teams: platform, catalog, orders/,
      ],
      [
        'messaging without the database',
        { persistence: ['cache', 'file-storage'], messaging: true },
        /^--messaging needs --persistence to include database: the outbox and the processed-event records live in the service's database$/,
      ],
      [
        'messaging that is not a boolean',
        { persistence: ['database'], messaging: 'yes' },
        /--messaging must be true or false, got "yes"/,
      ],
      ['a taken port', { port: 3101 }, /--port 3101 is already used/],
    ];
    it.each(cases)('%s', async (_, override, message) => {
      const tree = workspace();
      await microserviceGenerator(tree, {
        name: 'taken',
        accessibility: 'public',
        persistence: ['none'],
        team: 'catalog',
      });
      const before = tree.listChanges().length;
      const options = {
        name: 'stock-keeper',
        accessibility: 'public',
        persistence: ['none'],
        team: 'catalog',
        ...override,
      };
      await expect(microserviceGenerator(tree, options as never)).rejects.toThrow(message);
      expect(tree.listChanges().length).toBe(before);
    });

    it('an existing name', async () => {
      const tree = workspace();
      await microserviceGenerator(tree, {
        name: 'stock-keeper',
        accessibility: 'public',
        persistence: ['none'],
        team: 'catalog',
      });
      await expect(
        microserviceGenerator(tree, {
          name: 'stock-keeper',
          accessibility: 'internal',
          persistence: ['none'],
          team: 'catalog',
        }),
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
