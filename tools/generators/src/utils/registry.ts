import { addProjectConfiguration, Tree } from '@nx/devkit';
import { addTsConfigPath, CONTRACTS_SCOPE, REGISTRY_FILE, REGISTRY_ROOT } from './workspace';

const IMPORTS_MARKER = '// <registry-imports>';
const ENTRIES_MARKER = '// <registry-entries>';

/**
 * `@ms/contracts-registry`: the list of every service's descriptor. The gateway (edge routes, aggregated docs) and
 * the dev launcher read it; the generators keep it in sync, so no one maintains a list by hand.
 */
export function ensureRegistryLibrary(tree: Tree): void {
  if (tree.exists(REGISTRY_FILE)) return;
  addProjectConfiguration(tree, 'contracts-registry', {
    root: REGISTRY_ROOT,
    sourceRoot: `${REGISTRY_ROOT}/src`,
    projectType: 'library',
    tags: ['type:contract'],
  });
  tree.write(
    REGISTRY_FILE,
    `import type { ServiceDescriptor } from '${CONTRACTS_SCOPE}/contracts-common';
${IMPORTS_MARKER}

/** Every service of the system. Maintained by \`nx g @ms/generators:microservice\` / \`remove-microservice\`. */
export const SERVICES: readonly ServiceDescriptor[] = [
  ${ENTRIES_MARKER}
];
`,
  );
  tree.write(
    `${REGISTRY_ROOT}/tsconfig.json`,
    JSON.stringify({ extends: '../../../tsconfig.base.json', include: ['src/**/*.ts'] }, null, 2) + '\n',
  );
  tree.write(
    `${REGISTRY_ROOT}/eslint.config.mjs`,
    `import baseConfig from '../../../eslint.config.mjs';\n\nexport default [...baseConfig];\n`,
  );
  addTsConfigPath(tree, `${CONTRACTS_SCOPE}/contracts-registry`, `${REGISTRY_FILE}`);
}

export function registerService(tree: Tree, constName: string, importPath: string): void {
  ensureRegistryLibrary(tree);
  let text = tree.read(REGISTRY_FILE, 'utf-8') ?? '';
  const importLine = `import { ${constName} } from '${importPath}';`;
  if (!text.includes(importLine)) {
    text = text.replace(IMPORTS_MARKER, `${importLine}\n${IMPORTS_MARKER}`);
    text = text.replace(ENTRIES_MARKER, `${constName},\n  ${ENTRIES_MARKER}`);
  }
  tree.write(REGISTRY_FILE, text);
}

export function unregisterService(tree: Tree, constName: string, importPath: string): void {
  if (!tree.exists(REGISTRY_FILE)) return;
  const text = (tree.read(REGISTRY_FILE, 'utf-8') ?? '')
    .split('\n')
    .filter((line) => line !== `import { ${constName} } from '${importPath}';` && line.trim() !== `${constName},`)
    .join('\n');
  tree.write(REGISTRY_FILE, text);
}
