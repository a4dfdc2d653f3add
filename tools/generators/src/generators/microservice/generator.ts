import {
  addProjectConfiguration,
  formatFiles,
  generateFiles,
  joinPathFragments,
  offsetFromRoot,
  Tree,
} from '@nx/devkit';
import { join } from 'node:path';
import codeownersGenerator from '../codeowners/generator';
import { addTsConfigPath } from '../../utils/workspace';
import { registerService } from '../../utils/registry';
import { normalizeOptions, NormalizedOptions } from './lib/normalize-options';
import { sampleRoutes, SampleRoute } from './lib/routes';
import { addDeployment, MESSAGING_TAG } from './lib/add-deployment';
import type { MicroserviceGeneratorSchema } from './schema';

/**
 * `nx g @ms/generators:microservice <name> --accessibility=… --persistence=… [--messaging] --team=…`
 *
 * Creates apps/<name> (a thin NestJS app on the platform) and libs/contracts/<name> (descriptor, route table, DTOs,
 * typed client, and with --messaging its events), then registers the service: tsconfig path, the contracts registry
 * (gateway + dev launcher) and CODEOWNERS / docs/services.md (through the codeowners sync generator). Validates
 * everything before writing.
 */
export async function microserviceGenerator(tree: Tree, schema: MicroserviceGeneratorSchema): Promise<void> {
  const options = normalizeOptions(tree, schema);
  const routes = sampleRoutes(options);

  addContractsLibrary(tree, options, routes);
  addApplication(tree, options, routes);
  addDeployment(tree, options);
  registerService(tree, options.constName, options.contractsImportPath);
  await codeownersGenerator(tree);

  if (process.env['NX_SKIP_FORMAT'] !== 'true') await formatFiles(tree);
}

function templateVariables(options: NormalizedOptions, routes: SampleRoute[], root: string) {
  return {
    ...options,
    routes,
    hasPublic: routes.some((route) => route.access === 'public'),
    hasInternal: routes.some((route) => route.access === 'internal'),
    offsetFromRoot: offsetFromRoot(root),
    tmpl: '',
  };
}

function addContractsLibrary(tree: Tree, options: NormalizedOptions, routes: SampleRoute[]): void {
  addProjectConfiguration(tree, options.contractsProject, {
    root: options.contractsRoot,
    sourceRoot: `${options.contractsRoot}/src`,
    projectType: 'library',
    tags: ['type:contract', `team:${options.team}`],
  });
  const variables = templateVariables(options, routes, options.contractsRoot);
  generateFiles(tree, join(__dirname, 'files', 'contracts'), options.contractsRoot, variables);
  if (!options.database) tree.delete(joinPathFragments(options.contractsRoot, 'src/lib/dto/item.dto.ts'));
  if (!options.cache) tree.delete(joinPathFragments(options.contractsRoot, 'src/lib/dto/summary.dto.ts'));
  if (!options.messaging) {
    tree.delete(joinPathFragments(options.contractsRoot, 'src/lib/events.ts'));
    tree.delete(joinPathFragments(options.contractsRoot, 'src/lib/dto/activity.dto.ts'));
  }
  addTsConfigPath(tree, options.contractsImportPath, `${options.contractsRoot}/src/index.ts`);
}

function addApplication(tree: Tree, options: NormalizedOptions, routes: SampleRoute[]): void {
  const { appRoot, name } = options;
  addProjectConfiguration(tree, name, {
    root: appRoot,
    sourceRoot: `${appRoot}/src`,
    projectType: 'application',
    tags: [
      'type:app',
      `team:${options.team}`,
      `access:${options.accessibility}`,
      ...options.persistence.map((adapter) => `persistence:${adapter}`),
      ...(options.messaging ? [MESSAGING_TAG] : []),
    ],
  });

  const variables = templateVariables(options, routes, appRoot);
  generateFiles(tree, join(__dirname, 'files', 'app'), appRoot, variables);
  for (const side of ['public', 'internal'] as const) {
    if (!routes.some((route) => route.access === side)) continue;
    generateFiles(tree, join(__dirname, 'files', 'controller'), joinPathFragments(appRoot, 'src/app', side), {
      ...variables,
      side,
    });
  }
  if (options.database) generateFiles(tree, join(__dirname, 'files', 'database'), appRoot, variables);
  if (options.fileStorage) generateFiles(tree, join(__dirname, 'files', 'file-storage'), appRoot, variables);
  if (options.cache) generateFiles(tree, join(__dirname, 'files', 'cache'), appRoot, variables);
  if (options.messaging) generateFiles(tree, join(__dirname, 'files', 'messaging'), appRoot, variables);
}

export default microserviceGenerator;
