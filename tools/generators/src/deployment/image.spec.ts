import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, EDGE_SERVICE } from './fixtures';
import { prepareImage } from './image';

describe('prepareImage (the `prune` step of the Dockerfile)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ms-image-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const overrides = { 'sass-embedded': '1.105.0', '@fastify/static': { 'content-disposition': '^2.0.1' } };
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@ms/source', overrides }));

  const build = (app: string) => {
    const dir = join(root, 'dist/apps', app);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.js'), '');
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    // what the build's generatePackageJson writes: the nested override is lost
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: app, overrides: { 'sass-embedded': '1.105.0' } }));
    return dir;
  };
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

  it("gives the build's package.json the workspace's overrides, which its pruned lock file was resolved with", () => {
    const dir = prepareImage(root, (build('catalog'), CATALOG.descriptor));
    expect(read(join(dir, 'package.json'))).toEqual({ name: 'catalog', overrides });
  });

  it("records what the HEALTHCHECK probes: the service's port, the edge's management port", () => {
    expect(read(join(prepareImage(root, (build('catalog'), CATALOG.descriptor)), 'image.json'))).toEqual({
      healthPortVariable: 'PORT',
      healthPort: 3101,
    });
    expect(read(join(prepareImage(root, (build('gateway'), EDGE_SERVICE.descriptor)), 'image.json'))).toEqual({
      healthPortVariable: 'MANAGEMENT_PORT',
      healthPort: 3090,
    });
  });

  it('names the missing build output', () => {
    const dir = build('billing');
    rmSync(join(dir, 'package-lock.json'));
    expect(() => prepareImage(root, { ...CATALOG.descriptor, name: 'billing' })).toThrow(
      `billing: ${join(dir, 'package-lock.json')} is missing; build first: npx nx build billing`,
    );
  });
});
