import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { SERVICES } from '@ms/contracts-registry';

/**
 * One declaration per route: each path of the reference system is written in exactly one source file (its contracts'
 * route table). Handlers, the edge, the typed clients, the storefront and the benchmarks all read it from there, so
 * changing a path is one edit. Tests may spell paths out (they check the declaration); so may the docs.
 */
const SOURCE_ROOTS = ['apps', 'libs', 'tools'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs|html)$/;
const NOT_SOURCE = [
  /\.(spec|e2e-spec|test)\.ts$/,
  /\/(test|testing|node_modules)\//,
  /^apps\/system-e2e\//, // the system suite: tests end to end
  /\/migrations\/\d+-[^/]+\.ts$/, // committed migrations are history: never edited, even their comments
  /^tools\/generators\/src\/generators\/[^/]+\/files\//, // templates of other (generated) services
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(workspaceRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(path) && !NOT_SOURCE.some((pattern) => pattern.test(path)) ? [path] : [];
  });
}

/** Every declared path, longest first, so `/products/:id/image` is not also counted as `/products/:id`. */
const PATHS = [...new Set(SERVICES.flatMap((service) => service.routes.map((route) => route.path)))].sort(
  (a, b) => b.length - a.length,
);

/**
 * The declared paths `text` spells out: a path written with a placeholder (`/products/${id}`) counts as the path; a
 * file name after it (`./orders.service`) does not.
 */
export function pathsWrittenIn(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (const path of PATHS) {
    const pattern = new RegExp(
      '(?<!#)' + // a client-side hash route (`#/orders`) is not an HTTP path
        path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '(?::[A-Za-z]+|\\$\\{[^}]+\\})') +
        '(?![A-Za-z0-9_/:-]|\\.[A-Za-z])',
      'g',
    );
    if (pattern.test(rest)) found.push(path);
    rest = rest.replace(pattern, ' ');
  }
  return found;
}

describe('route declarations', () => {
  it('recognises a path however it is written', () => {
    expect(pathsWrittenIn('`/api/product-search/products/${id}/image`')).toEqual(['/products/:id/image']);
    expect(pathsWrittenIn("path: '/products/:id'")).toEqual(['/products/:id']);
    expect(pathsWrittenIn("'/api/orders' and '/orders'").sort()).toEqual(['/api/orders', '/orders']);
    expect(pathsWrittenIn("'/products/lookup-table' or /productsX")).toEqual([]);
    // a module specifier is not a path: NestJS names files after their resource
    expect(pathsWrittenIn("from './orders/orders.service'")).toEqual([]);
    expect(pathsWrittenIn('answers POST /orders.')).toEqual(['/orders']);
    expect(pathsWrittenIn('<a href="#/orders">')).toEqual([]);
  });

  it('writes each path of the reference system in exactly one source file', () => {
    const filesByPath = new Map<string, string[]>(PATHS.map((path) => [path, []]));
    for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
      for (const path of pathsWrittenIn(readFileSync(join(workspaceRoot, file), 'utf8'))) {
        filesByPath.get(path)?.push(relative(workspaceRoot, join(workspaceRoot, file)));
      }
    }
    const notOnce = [...filesByPath].filter(([, files]) => files.length !== 1);
    expect(Object.fromEntries(notOnce)).toEqual({});
  });
});
