import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storefrontDir } from './storefront-static';

describe('storefrontDir', () => {
  let root: string;
  /** Where the bundled gateway runs from: <root>/dist/apps/gateway (its main.js). */
  let gatewayDist: string;

  const page = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    return dir;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'storefront-dir-'));
    gatewayDist = join(root, 'dist', 'apps', 'gateway');
    mkdirSync(gatewayDist, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("finds the copy next to main.js first (the gateway's build output and image)", () => {
    page(join(root, 'dist', 'apps', 'storefront'));
    const copy = page(join(gatewayDist, 'storefront'));
    expect(storefrontDir(undefined, gatewayDist)).toBe(copy);
  });

  it("else the storefront's own build output, next to the gateway's", () => {
    const build = page(join(root, 'dist', 'apps', 'storefront'));
    expect(storefrontDir(undefined, gatewayDist)).toBe(build);
  });

  it('else the build output from the sources (tests, ts runs)', () => {
    const sources = join(root, 'apps', 'gateway', 'src', 'app', 'storefront');
    mkdirSync(sources, { recursive: true });
    const build = page(join(root, 'dist', 'apps', 'storefront'));
    expect(storefrontDir(undefined, sources)).toBe(build);
  });

  it('takes the configured directory (STOREFRONT_DIR) over all of them', () => {
    page(join(gatewayDist, 'storefront'));
    const custom = page(join(root, 'custom'));
    expect(storefrontDir(custom, gatewayDist)).toBe(custom);
  });

  it('says where it looked and how to build the files when there are none', () => {
    expect(() => storefrontDir(undefined, gatewayDist)).toThrow(
      `storefront files not found (looked in ${join(gatewayDist, 'storefront')}, ${join(root, 'dist', 'apps', 'storefront')}`,
    );
    expect(() => storefrontDir(undefined, gatewayDist)).toThrow('build them: npx nx build storefront');
  });
});
