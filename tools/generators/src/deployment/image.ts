import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { healthCheckPort, type DescribedService } from './rules';

/**
 * The image of every service comes from one Dockerfile (the workspace root's, build arg APP). Its build stage runs
 * `nx build <app>`, whose output (dist/apps/<app>) holds the bundle, a generated package.json and a pruned lock file,
 * then `prune`, which leaves that directory installable on its own by `npm ci --omit=dev` and records what the
 * HEALTHCHECK probes (image.json): the Dockerfile itself knows nothing of a particular service.
 */
export const IMAGE_FACTS = 'image.json';

export function appOutput(workspaceRoot: string, app: string): string {
  return join(workspaceRoot, 'dist/apps', app);
}

export function prepareImage(workspaceRoot: string, service: DescribedService): string {
  const dir = appOutput(workspaceRoot, service.name);
  for (const file of ['main.js', 'package.json', 'package-lock.json']) {
    if (!existsSync(join(dir, file)))
      throw new Error(`${service.name}: ${join(dir, file)} is missing; build first: npx nx build ${service.name}`);
  }
  // The generated package.json keeps only flat overrides, but the pruned lock file was resolved with all of the
  // workspace's (e.g. one nested under @fastify/static): without them `npm ci` finds the two out of sync and stops.
  const root = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (root.overrides) manifest.overrides = root.overrides;
  else delete manifest.overrides;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const { variable, port } = healthCheckPort(service);
  writeFileSync(join(dir, IMAGE_FACTS), `${JSON.stringify({ healthPortVariable: variable, healthPort: port })}\n`);
  return dir;
}
