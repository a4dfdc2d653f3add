import { names, Tree } from '@nx/devkit';
import type { Accessibility, MicroserviceGeneratorSchema, PersistenceAdapter } from '../schema';
import { contractsImportPath, nextFreePort, readTeams, usedPorts } from '../../../utils/workspace';

export const ACCESSIBILITY_LEVELS: readonly Accessibility[] = ['public', 'internal', 'hybrid'];
export const ADAPTERS: readonly PersistenceAdapter[] = ['database', 'file-storage', 'cache'];
/** Names the workspace uses itself. */
const RESERVED = new Set(['common', 'registry', 'platform', 'contracts', 'tools', 'api', 'docs', 'health']);
/** Kubernetes object names are DNS labels (≤ 63); room is kept for suffixes such as `-migrate`. */
const MAX_NAME_LENGTH = 40;

export interface NormalizedOptions {
  name: string;
  className: string;
  propertyName: string;
  /** The descriptor's constant, `STOCK_KEEPER_SERVICE`. */
  constName: string;
  /** The route table's constant, `STOCK_KEEPER_ROUTES`. */
  routesConstName: string;
  accessibility: Accessibility;
  persistence: PersistenceAdapter[];
  database: boolean;
  fileStorage: boolean;
  cache: boolean;
  /** Publishes and consumes events (@ms/platform-messaging); implies `database`. */
  messaging: boolean;
  team: string;
  port: number;
  appRoot: string;
  contractsRoot: string;
  contractsProject: string;
  contractsImportPath: string;
}

function parsePersistence(raw: MicroserviceGeneratorSchema['persistence']): PersistenceAdapter[] {
  const list = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
    .map((value) => String(value).trim())
    .filter(Boolean);
  if (list.length === 0) {
    throw new Error(`--persistence is required: any of ${ADAPTERS.join(', ')}, or none`);
  }
  for (const value of list) {
    if (value !== 'none' && !ADAPTERS.includes(value as PersistenceAdapter)) {
      throw new Error(`--persistence: unknown adapter "${value}"; choose from ${ADAPTERS.join(', ')}, or none`);
    }
  }
  if (list.includes('none') && list.length > 1) {
    throw new Error('--persistence: "none" cannot be combined with adapters');
  }
  return ADAPTERS.filter((adapter) => list.includes(adapter));
}

function parseMessaging(raw: MicroserviceGeneratorSchema['messaging'], persistence: PersistenceAdapter[]): boolean {
  if (raw !== undefined && typeof raw !== 'boolean') throw new Error(`--messaging must be true or false, got "${raw}"`);
  if (raw && !persistence.includes('database')) {
    throw new Error(
      "--messaging needs --persistence to include database: the outbox and the processed-event records live in the service's database",
    );
  }
  return raw ?? false;
}

/** Validates every option before anything is written; each error names the bad option. */
export function normalizeOptions(tree: Tree, options: MicroserviceGeneratorSchema): NormalizedOptions {
  const name = String(options.name ?? '').trim();
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new Error(
      `--name "${name}" is not a valid service name: use kebab-case letters and digits, e.g. product-search`,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new Error(`--name "${name}" is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (RESERVED.has(name)) {
    throw new Error(`--name "${name}" is reserved by the workspace; choose another name`);
  }
  const appRoot = `apps/${name}`;
  const contractsRoot = `libs/contracts/${name}`;
  for (const root of [appRoot, contractsRoot]) {
    if (tree.exists(root)) throw new Error(`--name "${name}": ${root} already exists`);
  }

  if (!ACCESSIBILITY_LEVELS.includes(options.accessibility)) {
    throw new Error(
      `--accessibility "${options.accessibility}" is unknown; choose one of ${ACCESSIBILITY_LEVELS.join(', ')}`,
    );
  }
  const persistence = parsePersistence(options.persistence);
  const messaging = parseMessaging(options.messaging, persistence);

  const teams = readTeams(tree);
  if (!options.team || !(options.team in teams)) {
    throw new Error(
      `--team "${options.team ?? ''}" is not declared in teams.json; known teams: ${Object.keys(teams).join(', ') || '(none)'}`,
    );
  }

  let port = nextFreePort(tree);
  if (options.port !== undefined) {
    if (!Number.isInteger(options.port) || options.port < 1024 || options.port > 65535) {
      throw new Error(`--port ${options.port} must be an integer between 1024 and 65535`);
    }
    if (usedPorts(tree).has(options.port)) throw new Error(`--port ${options.port} is already used by another service`);
    port = options.port;
  }

  const n = names(name);
  return {
    name,
    className: n.className,
    propertyName: n.propertyName,
    constName: `${n.constantName}_SERVICE`,
    routesConstName: `${n.constantName}_ROUTES`,
    accessibility: options.accessibility,
    persistence,
    database: persistence.includes('database'),
    fileStorage: persistence.includes('file-storage'),
    cache: persistence.includes('cache'),
    messaging,
    team: options.team,
    port,
    appRoot,
    contractsRoot,
    contractsProject: `contracts-${name}`,
    contractsImportPath: contractsImportPath(name),
  };
}
