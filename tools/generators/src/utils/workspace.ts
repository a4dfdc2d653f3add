import { joinPathFragments, readJson, Tree, updateJson } from '@nx/devkit';

/** Declared once: team key → GitHub handle (e.g. `"catalog": "@acme/catalog-team"`). */
export const TEAMS_FILE = 'teams.json';
export const PLATFORM_TEAM = 'platform';
export const CONTRACTS_SCOPE = '@ms';
export const REGISTRY_ROOT = 'libs/contracts/registry';
export const REGISTRY_FILE = `${REGISTRY_ROOT}/src/index.ts`;
export const FIRST_SERVICE_PORT = 3101;

export function readTeams(tree: Tree): Record<string, string> {
  if (!tree.exists(TEAMS_FILE)) {
    throw new Error(
      `${TEAMS_FILE} not found at the workspace root: declare teams there, e.g. {"catalog": "@acme/catalog-team"}`,
    );
  }
  const teams = readJson<Record<string, unknown>>(tree, TEAMS_FILE);
  for (const [team, handle] of Object.entries(teams)) {
    if (typeof handle !== 'string' || !/^@[\w.-]+(\/[\w.-]+)?$/.test(handle)) {
      throw new Error(
        `${TEAMS_FILE}: team "${team}" must map to a GitHub handle like "@org/team", got ${JSON.stringify(handle)}`,
      );
    }
  }
  return teams as Record<string, string>;
}

export function contractsImportPath(service: string): string {
  return `${CONTRACTS_SCOPE}/contracts-${service}`;
}

export function addTsConfigPath(tree: Tree, importPath: string, entry: string): void {
  updateJson(tree, 'tsconfig.base.json', (json) => {
    json.compilerOptions ??= {};
    json.compilerOptions.paths ??= {};
    json.compilerOptions.paths[importPath] = [entry.startsWith('./') ? entry : `./${entry}`];
    return json;
  });
}

export function removeTsConfigPath(tree: Tree, importPath: string): void {
  if (!tree.exists('tsconfig.base.json')) return;
  updateJson(tree, 'tsconfig.base.json', (json) => {
    if (json.compilerOptions?.paths) delete json.compilerOptions.paths[importPath];
    return json;
  });
}

/** Default ports already taken by services, read from every contracts library's descriptor. */
export function usedPorts(tree: Tree): Set<number> {
  const ports = new Set<number>();
  if (!tree.exists('libs/contracts')) return ports;
  for (const dir of tree.children('libs/contracts')) {
    const lib = joinPathFragments('libs/contracts', dir, 'src/lib');
    if (!tree.exists(lib)) continue;
    for (const file of tree.children(lib)) {
      const text = tree.read(joinPathFragments(lib, file), 'utf-8') ?? '';
      for (const match of text.matchAll(/defaultPort:\s*(\d+)/g)) ports.add(Number(match[1]));
    }
  }
  return ports;
}

export function nextFreePort(tree: Tree): number {
  const used = usedPorts(tree);
  let port = FIRST_SERVICE_PORT;
  while (used.has(port)) port += 1;
  return port;
}
