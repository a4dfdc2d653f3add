import { joinPathFragments, Tree } from '@nx/devkit';
import type { AccessLevel } from '../../deployment/rules';
import { ACCESSIBILITY_LEVELS } from '../microservice/lib/normalize-options';

/** Where a service's descriptor (`<NAME>_SERVICE`, listed in the contracts registry) is declared. */
export const descriptorFile = (service: string) =>
  joinPathFragments('libs/contracts', service, 'src/lib', `${service}.service.ts`);

/**
 * A service's accessibility level, as its descriptor declares it (the platform enforces it, deployment derives from
 * it; no project tag repeats it).
 *
 * Read as the `accessibility: '<level>'` literal of the descriptor file in the Tree, not by loading the registry as
 * deployment/render.ts does: a generator must see what it has just written (the microservice generator runs this
 * before anything reaches the disk), and evaluating the registry from the Tree would mean transpiling it with all the
 * contracts and DTOs it imports through tsconfig paths. The descriptor template writes the level as a literal, and
 * `satisfies ServiceDescriptor` keeps it one of the known levels, so the literal is the declaration itself.
 */
export function accessibilityOf(tree: Tree, service: string): AccessLevel {
  const file = descriptorFile(service);
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`${service}: its descriptor ${file} is missing (it declares the accessibility)`);
  const levels = [...text.matchAll(/^\s*accessibility:\s*['"]([^'"]*)['"]/gm)].map((match) => match[1]);
  if (levels.length !== 1) {
    throw new Error(
      `${service}: ${file} must declare the accessibility once, as a literal (e.g. accessibility: 'internal'); ` +
        `found ${levels.length} declarations`,
    );
  }
  const level = levels[0] as AccessLevel;
  if (!ACCESSIBILITY_LEVELS.includes(level))
    throw new Error(`${service}: ${file} declares accessibility '${level}'; known: ${ACCESSIBILITY_LEVELS.join(', ')}`);
  return level;
}
