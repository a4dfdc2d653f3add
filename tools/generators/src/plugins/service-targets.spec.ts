import { workspaceRoot, type CreateNodesContextV2, type CreateNodesResult } from '@nx/devkit';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodesV2 } from './service-targets';

/** A workspace on disk with the given files, and what the plugin infers from its apps' project.json. */
async function infer(files: Record<string, string>): Promise<Record<string, CreateNodesResult>> {
  const root = mkdtempSync(join(tmpdir(), 'ms-service-targets-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const context: CreateNodesContextV2 = { workspaceRoot: root, nxJsonConfiguration: {} };
    const projectFiles = Object.keys(files).filter((path) => path.endsWith('project.json'));
    const results = await createNodesV2[1](projectFiles, undefined, context);
    return Object.fromEntries(results);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const project = (name: string, tags: string[]) => JSON.stringify({ name, projectType: 'application', tags });

describe('service-targets plugin', () => {
  it('matches the project.json of apps', () => {
    expect(createNodesV2[0]).toBe('apps/*/project.json');
  });

  it('infers the shared targets of a service app, with migrate only for a database app', async () => {
    const results = await infer({
      'apps/billing/project.json': project('billing', ['type:app', 'persistence:database']),
      'apps/notifier/project.json': project('notifier', ['type:app', 'persistence:cache']),
    });
    const billing = results['apps/billing/project.json'].projects?.['apps/billing']?.targets ?? {};
    const notifier = results['apps/notifier/project.json'].projects?.['apps/notifier']?.targets ?? {};
    const shared = ['serve', 'prune', 'docker-build', 'docker-push', 'deploy'];
    expect(Object.keys(notifier).sort()).toEqual([...shared].sort());
    expect(Object.keys(billing).sort()).toEqual([...shared, 'migrate'].sort());

    expect(billing['migrate']).toEqual({
      dependsOn: ['build'],
      executor: 'nx:run-commands',
      options: { command: 'node dist/apps/billing/main.js --migrate-only' },
    });
    expect(billing['serve']).toMatchObject({
      continuous: true,
      executor: '@nx/js:node',
      options: { buildTarget: 'billing:build', runBuildTargetDependencies: false },
      configurations: { production: { buildTarget: 'billing:build:production' } },
    });
    expect(billing['prune']).toEqual({
      dependsOn: ['build'],
      executor: 'nx:run-commands',
      options: { command: 'npm run -s k8s -- prune billing' },
    });
    expect(billing['docker-build'].options.command).toBe(
      // the one Dockerfile of every service, at the root, told which app to build
      'docker build -f Dockerfile --build-arg APP=billing -t ${REGISTRY:-ms}/billing:${TAG:-latest} .',
    );
    expect(billing['docker-push']).toEqual({
      executor: 'nx:run-commands',
      dependsOn: ['docker-build'],
      options: { command: 'docker push ${REGISTRY:-ms}/billing:${TAG:-latest}' },
    });
    expect(billing['deploy']).toEqual({
      executor: 'nx:run-commands',
      defaultConfiguration: 'local',
      options: { command: 'npm run -s k8s -- deploy billing --overlay=local' },
      configurations: {
        local: { command: 'npm run -s k8s -- deploy billing --overlay=local' },
        production: { command: 'npm run -s k8s -- deploy billing --overlay=production' },
        'dry-run': {
          command:
            'npm run -s k8s -- deploy billing --overlay=${DEPLOY_OVERLAY:-production} --dry-run --out=dist/deploy/billing.yaml',
        },
      },
    });
  });

  it('ignores a project that is not a service app', async () => {
    const results = await infer({
      'apps/system-e2e/project.json': project('system-e2e', ['type:e2e']),
      'apps/draft/project.json': JSON.stringify({ projectType: 'application', tags: ['type:app'] }),
    });
    expect(results).toEqual({ 'apps/system-e2e/project.json': {}, 'apps/draft/project.json': {} });
  });

  it('runs the deploy command package.json declares as its k8s script', () => {
    const scripts = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')).scripts;
    expect(scripts['k8s']).toMatch(/node -r @swc-node\/register tools\/generators\/src\/deployment\/main\.ts$/);
    expect(existsSync(join(workspaceRoot, 'Dockerfile'))).toBe(true);
  });
});
