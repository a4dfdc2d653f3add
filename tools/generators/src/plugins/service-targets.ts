import { createNodesFromFiles, readJsonFile, type CreateNodesV2, type TargetConfiguration } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Nx plugin (registered by path in nx.json `plugins`, after @nx/webpack/plugin so its `serve` wins): the targets every
 * service app shares, inferred instead of repeated in each project.json. An app is a project under apps/ tagged
 * `type:app` that has a Dockerfile; it gets `serve`, `prune-lockfile`, `copy-workspace-modules`, `prune`,
 * `docker-build`, `docker-push`, `deploy` (local / production / dry-run), and `migrate` when tagged
 * `persistence:database`. `build`, `lint` and `test` come from the webpack, eslint and jest plugins. A target written
 * in a project.json still overrides the inferred one (project.json is applied after the plugins).
 */

/** Image repository prefix of local builds (`docker-build` default REGISTRY); the production overlay rewrites it. */
export const LOCAL_REGISTRY = 'ms';
export const APP_TAG = 'type:app';
export const DATABASE_TAG = 'persistence:database';

const PROJECT_FILES = 'apps/*/project.json';

interface AppProject {
  name?: string;
  tags?: string[];
}

/** The inferred targets of the app at `root`, or none when it is not a deployable service app. */
export function serviceTargets(
  root: string,
  project: AppProject,
  hasDockerfile: boolean,
): Record<string, TargetConfiguration> {
  const tags = project.tags ?? [];
  if (!project.name || !tags.includes(APP_TAG) || !hasDockerfile) return {};
  const { name } = project;
  const dist = `dist/${root}`;
  const image = `\${REGISTRY:-${LOCAL_REGISTRY}}/${name}:\${TAG:-latest}`;
  const deploy = `node deploy/scripts/k8s.mjs deploy ${name}`;
  return {
    serve: {
      continuous: true,
      executor: '@nx/js:node',
      defaultConfiguration: 'development',
      dependsOn: ['build'],
      options: { buildTarget: `${name}:build`, runBuildTargetDependencies: false },
      configurations: {
        development: { buildTarget: `${name}:build:development` },
        production: { buildTarget: `${name}:build:production` },
      },
    },
    ...(tags.includes(DATABASE_TAG)
      ? {
          migrate: {
            dependsOn: ['build'],
            executor: 'nx:run-commands',
            options: { command: `node ${dist}/main.js --migrate-only` },
          },
        }
      : {}),
    // `prune` leaves dist/apps/<name> installable on its own: what the Dockerfile copies into the runtime image
    'prune-lockfile': {
      dependsOn: ['build'],
      cache: true,
      executor: '@nx/js:prune-lockfile',
      outputs: [`{workspaceRoot}/${dist}/package.json`, `{workspaceRoot}/${dist}/package-lock.json`],
      options: { buildTarget: 'build' },
    },
    'copy-workspace-modules': {
      dependsOn: ['build'],
      cache: true,
      outputs: [`{workspaceRoot}/${dist}/workspace_modules`],
      executor: '@nx/js:copy-workspace-modules',
      options: { buildTarget: 'build' },
    },
    prune: { dependsOn: ['prune-lockfile', 'copy-workspace-modules'], executor: 'nx:noop' },
    'docker-build': {
      executor: 'nx:run-commands',
      options: { command: `docker build -f ${root}/Dockerfile -t ${image} .` },
    },
    'docker-push': {
      executor: 'nx:run-commands',
      dependsOn: ['docker-build'],
      options: { command: `docker push ${image}` },
    },
    deploy: {
      executor: 'nx:run-commands',
      defaultConfiguration: 'local',
      options: { command: `${deploy} --overlay=local` },
      configurations: {
        local: { command: `${deploy} --overlay=local` },
        production: { command: `${deploy} --overlay=production` },
        'dry-run': {
          command: `${deploy} --overlay=\${DEPLOY_OVERLAY:-production} --dry-run --out=dist/deploy/${name}.yaml`,
        },
      },
    },
  };
}

export const createNodesV2: CreateNodesV2 = [
  PROJECT_FILES,
  (projectFiles, options, context) =>
    createNodesFromFiles(
      (projectFile, _options, { workspaceRoot }) => {
        const root = dirname(projectFile);
        const project = readJsonFile<AppProject>(join(workspaceRoot, projectFile));
        const targets = serviceTargets(root, project, existsSync(join(workspaceRoot, root, 'Dockerfile')));
        return Object.keys(targets).length === 0 ? {} : { projects: { [root]: { targets } } };
      },
      projectFiles,
      options,
      context,
    ),
];
