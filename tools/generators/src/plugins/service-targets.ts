import { createNodesFromFiles, readJsonFile, type CreateNodesV2, type TargetConfiguration } from '@nx/devkit';
import { dirname, join } from 'node:path';
import { LOCAL_REGISTRY, TAG } from '../deployment/rules';

/**
 * Nx plugin (registered by path in nx.json `plugins`, after @nx/webpack/plugin so its `serve` wins): the targets every
 * service app shares, inferred instead of repeated in each project.json. A service is a project under apps/ tagged
 * `type:app`; it gets `serve`, `prune` (the build output made installable on its own), `docker-build` (the root
 * Dockerfile with build arg APP), `docker-push`, `deploy` (local / production / dry-run: the deployment CLI,
 * src/deployment/main.ts, as `npm run k8s`), and `migrate` when tagged `persistence:database`. `build`, `lint` and
 * `test` come from the webpack, eslint and jest plugins. A target written in a project.json still overrides the
 * inferred one (project.json is applied after the plugins).
 */

export { LOCAL_REGISTRY };
export const APP_TAG = TAG.app;
export const DATABASE_TAG = TAG.database;
/** The one Dockerfile of every service, at the workspace root (the build context). */
export const DOCKERFILE = 'Dockerfile';
/** The deployment CLI (package.json's `k8s` script). */
export const DEPLOYMENT_CLI = 'npm run -s k8s --';

const PROJECT_FILES = 'apps/*/project.json';

interface AppProject {
  name?: string;
  tags?: string[];
}

/** The inferred targets of the app at `root`, or none when it is not a deployable service app. */
export function serviceTargets(root: string, project: AppProject): Record<string, TargetConfiguration> {
  const tags = project.tags ?? [];
  if (!project.name || !tags.includes(APP_TAG)) return {};
  const { name } = project;
  const dist = `dist/${root}`;
  const image = `\${REGISTRY:-${LOCAL_REGISTRY}}/${name}:\${TAG:-latest}`;
  const deploy = `${DEPLOYMENT_CLI} deploy ${name}`;
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
    // `prune` leaves the build's output (bundle, generated package.json, pruned lock file) installable on its own:
    // what the Dockerfile copies into the runtime image. The build writes the pruned lock file itself
    // (generatePackageJson); Nx's prune-lockfile executor would want a package.json in apps/<name>, which apps lack.
    prune: {
      dependsOn: ['build'],
      executor: 'nx:run-commands',
      options: { command: `${DEPLOYMENT_CLI} prune ${name}` },
    },
    'docker-build': {
      executor: 'nx:run-commands',
      options: { command: `docker build -f ${DOCKERFILE} --build-arg APP=${name} -t ${image} .` },
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
        const targets = serviceTargets(root, project);
        return Object.keys(targets).length === 0 ? {} : { projects: { [root]: { targets } } };
      },
      projectFiles,
      options,
      context,
    ),
];
