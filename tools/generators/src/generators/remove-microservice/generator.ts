import { formatFiles, getProjects, names, removeProjectConfiguration, Tree } from '@nx/devkit';
import codeownersGenerator from '../codeowners/generator';
import { unregisterService } from '../../utils/registry';
import { removeDeployment } from '../microservice/lib/add-deployment';
import { contractsImportPath, removeTsConfigPath } from '../../utils/workspace';
import type { RemoveMicroserviceGeneratorSchema } from './schema';

/**
 * `nx g @ms/generators:remove-microservice <name>`: deletes apps/<name> and libs/contracts/<name> and every
 * registration (tsconfig path, contracts registry, CODEOWNERS, docs). Refuses when another project still imports
 * the service's contracts, naming the files.
 */
export async function removeMicroserviceGenerator(
  tree: Tree,
  { name }: RemoveMicroserviceGeneratorSchema,
): Promise<void> {
  const projects = getProjects(tree);
  const app = projects.get(name);
  if (!app || !app.tags?.includes('type:app') || name === 'gateway') {
    throw new Error(`--name "${name}" is not a generated microservice (no app project with that name)`);
  }
  const importPath = contractsImportPath(name);
  const constName = `${names(name).constantName}_SERVICE`;
  unregisterService(tree, constName, importPath);

  const users = findImporters(tree, importPath, [app.root, `libs/contracts/${name}`]);
  if (users.length > 0) {
    throw new Error(`cannot remove ${name}: ${importPath} is still imported by ${users.join(', ')}`);
  }

  for (const project of [name, `contracts-${name}`]) {
    const config = projects.get(project);
    if (!config) continue;
    removeProjectConfiguration(tree, project);
    tree.delete(config.root);
  }
  removeDeployment(tree, name);
  removeTsConfigPath(tree, importPath);
  await codeownersGenerator(tree);
  if (process.env['NX_SKIP_FORMAT'] !== 'true') await formatFiles(tree);
}

function findImporters(tree: Tree, importPath: string, ignoredRoots: string[]): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    if (ignoredRoots.some((root) => path === root || path.startsWith(`${root}/`))) return;
    if (tree.isFile(path)) {
      if (/\.(ts|js|mjs|cjs)$/.test(path) && (tree.read(path, 'utf-8') ?? '').includes(`'${importPath}'`))
        found.push(path);
      return;
    }
    for (const child of tree.children(path)) {
      if (child === 'node_modules' || child === 'dist' || child.startsWith('.')) continue;
      visit(path ? `${path}/${child}` : child);
    }
  };
  for (const top of ['apps', 'libs', 'tools']) if (tree.exists(top)) visit(top);
  return found;
}

export default removeMicroserviceGenerator;
