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
      expect(app.tags).toEqual([
        'type:app',
        'team:catalog',
        `access:${accessibility}`,
        ...persistence.map((p) => `persistence:${p}`),
      ]);
      // project.json says only what is particular to the service; its shared targets are inferred by the plugin
      expect(readJson(tree, 'apps/stock-keeper/project.json').targets).toBeUndefined();
      expect(read(tree, 'apps/stock-keeper/project.json').split('\n').length).toBeLessThanOrEqual(30);
      const inferred = serviceTargets(app.root, app, tree.exists('apps/stock-keeper/Dockerfile'));
      expect(inferred['serve']).toBeDefined();
      expect(inferred['deploy']).toBeDefined();
      expect(Boolean(inferred['migrate'])).toBe(persistence.includes('database'));
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
      expect(tree.exists('apps/stock-keeper/src/migrations/1700000000000-create-items.ts')).toBe(
        persistence.includes('database'),
      );
      expect(tree.exists('apps/stock-keeper/src/migrations.spec.ts')).toBe(persistence.includes('database'));
      expect(tree.exists('apps/stock-keeper/src/app/app.http.spec.ts')).toBe(true);

      // Without --messaging, nothing of it.
      expect(tree.exists('libs/contracts/stock-keeper/src/lib/events.ts')).toBe(false);
      expect(tree.exists('apps/stock-keeper/src/app/activity')).toBe(false);
      expect(appModule).not.toContain('Messaging');
      expect(descriptor).not.toContain('/activity');
      expect(read(tree, 'deploy/k8s/services/stock-keeper/deployment.yaml')).not.toContain('AMQP_URL');
      expect(read(tree, 'deploy/k8s/services/stock-keeper/network-policy.yaml')).not.toMatch(/port: 567[12]/);

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
      expect(read(tree, 'libs/contracts/stock-keeper/README.md')).toContain('stock-keeper.item-created');
    });

    it('publishes it in the transaction that inserts the item, and consumes it into the activity feed', async () => {
      const tree = await generate('public', ['database', 'cache']);
      const items = read(tree, `${APP}/src/app/items/items.service.ts`);
      expect(items).toMatch(/transaction\(async \(manager\) => \{\s+const saved = await manager\.save\(/);
      expect(items).toContain(
        'await this.events.publishInTransaction(manager, StockKeeperItemCreatedEvent, { itemId: saved.id, name: saved.name });',
      );

      const handler = read(tree, `${APP}/src/app/activity/activity.service.ts`);
      expect(handler).toContain('@OnEvent(StockKeeperItemCreatedEvent)');
      expect(handler).toContain('await manager.insert(ActivityEntry, {');
      expect(handler).toContain('summary: `item created: ${item.name}`');
      expect(handler).toContain('take: ACTIVITY_LIMIT');
      expect(handler).toContain('export const ACTIVITY_LIMIT = 50;');
      const entity = read(tree, `${APP}/src/app/activity/activity-entry.entity.ts`);
      expect(entity).toContain(`@Entity({ name: 'activity' })`);
      expect(entity).toContain(`@Index('IDX_activity_occurred_at', ['occurredAt'])`);
      expect(read(tree, `${APP}/src/migrations/1700000001000-create-activity.ts`)).toContain('CREATE TABLE "activity"');

      const appModule = read(tree, `${APP}/src/app/app.module.ts`);
      expect(appModule).toMatch(/DatabaseModule\.forRoot\(DATABASE\),\s+MessagingModule\.forRoot\(\),/);
      expect(appModule).toContain('TypeOrmModule.forFeature([Item, ActivityEntry])');
      expect(appModule).toContain('providers: [InfoService, ItemsService, ActivityService, SummaryService]');
      const database = read(tree, `${APP}/src/database.ts`);
      expect(database).toContain('entities: [Item, ActivityEntry],');
      expect(database).toContain('migrations: [CreateItems1700000000000, CreateActivity1700000001000],');
      expect(database).toContain('libraryTables: [MESSAGING_TABLES],');

      const spec = read(tree, `${APP}/src/app/app.http.spec.ts`);
      expect(spec).toContain(`import { eventually, startTestService, type TestService } from '@ms/platform-testing';`);
      expect(spec).toContain(`'the item-created event in GET /activity'`);
      expect(read(tree, `${APP}/README.md`)).toContain('`stock-keeper.item-created` `{ itemId, name }`');
    });

    it.each([
      ['public', []],
      [
        'hybrid',
        [
          "{ method: 'POST', path: '/items', access: 'internal', callers: ['gateway'] }",
          "{ method: 'PUT', path: '/files/:key', access: 'internal', callers: ['gateway'] }",
        ],
      ],
      [
        'internal',
        [
          "{ method: 'POST', path: '/items', access: 'internal', callers: ['gateway'] }",
          "{ method: 'PUT', path: '/files/:key', access: 'internal', callers: ['gateway'] }",
        ],
      ],
    ] as const)('a %s service has no anonymous write: its sample writes are %j', async (accessibility, writes) => {
      const tree = await generate(accessibility, ['database', 'file-storage']);
      const descriptor = read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.service.ts');
      const declared = descriptor.match(/\{ method: '(POST|PUT|PATCH|DELETE)'[^}]*\}/g) ?? [];
      expect(declared).toEqual(writes);
      expect(declared.some((route) => route.includes(`access: 'public'`))).toBe(false);
      if (accessibility === 'public') {
        const controller = read(tree, `${APP}/src/app/public/stock-keeper-public.controller.ts`);
        expect(controller).not.toMatch(/@(Post|Put|Patch|Delete)\(/);
        expect(read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.client.ts')).not.toContain('createItem');
      }
    });

    it.each([
      ['public', 'public'],
      ['internal', 'internal'],
      ['hybrid', 'public'],
    ] as const)(
      'a %s service serves GET /activity from its %s controller, like the other reads',
      async (accessibility, side) => {
        const tree = await generate(accessibility);
        expect(read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.service.ts')).toContain(
          `{ method: 'GET', path: '/activity', access: '${side}'${side === 'internal' ? ", callers: ['gateway']" : ''} },`,
        );
        const controller = read(tree, `${APP}/src/app/${side}/stock-keeper-${side}.controller.ts`);
        expect(controller).toMatch(/@Get\('activity'\)\s+@ApiOkResponse\(\{ type: \[ActivityEntryDto\]/);
        expect(controller).toContain('private readonly activities: ActivityService');
        const other = `${APP}/src/app/${side === 'public' ? 'internal' : 'public'}/stock-keeper-${side === 'public' ? 'internal' : 'public'}.controller.ts`;
        if (tree.exists(other)) expect(read(tree, other)).not.toContain('activity');
        expect(read(tree, 'libs/contracts/stock-keeper/src/lib/stock-keeper.client.ts')).toContain(`path: '/activity'`);
      },
    );

    it('tags the project messaging:events and gives its pods AMQP_URL and the broker ports', async () => {
      const tree = await generate('hybrid', ['database', 'file-storage']);
      expect(readProjectConfiguration(tree, 'stock-keeper').tags).toEqual([
        'type:app',
        'team:catalog',
        'access:hybrid',
        'persistence:database',
        'persistence:file-storage',
        'messaging:events',
      ]);
      const amqp = ['- name: AMQP_URL', 'valueFrom:', 'secretKeyRef:', 'name: platform-secrets', 'key: AMQP_URL'].join(
        '\\s+',
      );
      expect(read(tree, 'deploy/k8s/services/stock-keeper/deployment.yaml')).toMatch(new RegExp(amqp));
      expect(read(tree, 'deploy/k8s/services/stock-keeper/migrate-job.yaml')).toMatch(new RegExp(amqp));
      const policy = read(tree, 'deploy/k8s/services/stock-keeper/network-policy.yaml');
      expect(policy).toContain('# the message broker (events)');
      for (const port of [5432, 443, 9000, 5672, 5671])
        expect(policy).toContain(`- port: ${port}\n          protocol: TCP`);
    });
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
