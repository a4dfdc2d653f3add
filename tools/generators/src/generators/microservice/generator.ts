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
import { clientMethods, sampleRoutes, SampleRoute } from './lib/routes';
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
  const route = (name: string) => routes.find((candidate) => candidate.name === name);
  return {
    ...options,
    routes,
    route,
    has: (name: string) => route(name) !== undefined,
    clientMethods: clientMethods(routes),
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
  const lib = (file: string) => joinPathFragments(options.contractsRoot, 'src/lib', file);
  if (!hasDtos(options)) tree.delete(lib(`${options.name}.dto.ts`));
  if (variables.clientMethods.length === 0) tree.delete(lib(`${options.name}.client.ts`));
  if (!options.messaging) tree.delete(lib('events.ts'));
  addTsConfigPath(tree, options.contractsImportPath, `${options.contractsRoot}/src/index.ts`);
}

/** The DTOs file holds the samples' shapes: items (database), their activity (messaging), the summary (cache). */
export function hasDtos(options: NormalizedOptions): boolean {
  return options.database || options.cache;
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
      ...options.persistence.map((adapter) => `persistence:${adapter}`),
      ...(options.messaging ? [MESSAGING_TAG] : []),
    ],
  });

  // One feature folder (module, controller, service, entity) per sample resource; AppModule imports them.
  const variables = templateVariables(options, routes, appRoot);
  const features = [
    'app',
    options.database && 'database',
    options.messaging && 'messaging',
    options.fileStorage && 'file-storage',
    // With a database the summary counts items, so it lives in the items feature; alone it is a feature of its own.
    options.cache && !options.database && 'summary',
  ].filter((feature): feature is string => Boolean(feature));
  for (const feature of features) generateFiles(tree, join(__dirname, 'files', feature), appRoot, variables);
}

export default microserviceGenerator;
