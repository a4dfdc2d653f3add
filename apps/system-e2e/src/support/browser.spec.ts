import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER_VARIABLE, findTestBrowser, INSTALL_ADVICE, unpackBundledChromium } from './browser';

/**
 * The order in which the storefront tests find their browser, without a browser: the candidates are small executables
 * that answer `--version` as a browser does (or as the things that are not browsers do), run for real.
 */
describe('finding the browser for the storefront tests', () => {
  const root = mkdtempSync(join(tmpdir(), 'ms-browser-spec-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let dirs = 0;
  /** A folder holding executables `name` that print `output` and exit with `code`. */
  function binDir(programs: Record<string, { output: string; code?: number }>): string {
    const dir = join(root, `bin${++dirs}`);
    mkdirSync(dir);
    for (const [name, { output, code = 0 }] of Object.entries(programs)) {
      writeFileSync(join(dir, name), `#!/bin/sh\ncat <<'EOF'\n${output}\nEOF\nexit ${code}\n`);
      chmodSync(join(dir, name), 0o755);
    }
    return dir;
  }
  const CHROMIUM = { output: 'Chromium 140.0.7339.185 built on Debian' };
  const CHROME = { output: 'Google Chrome 141.0.7390.54' };
  const SNAP_WRAPPER = {
    output: "Command '/usr/bin/chromium-browser' requires the chromium snap to be installed.",
    code: 1,
  };
  const bundledIn = (dir: string) => async () => join(dir, 'chromium');
  const noBundle = async (): Promise<string> => {
    throw new Error('the npm package was looked at');
  };
  const linux = { platform: 'linux' as const, arch: 'x64' };

  it(`${BROWSER_VARIABLE} comes first, before a system Chromium and the package`, async () => {
    const named = join(binDir({ 'my-chrome': CHROME }), 'my-chrome');
    const browser = await findTestBrowser({
      ...linux,
      env: { [BROWSER_VARIABLE]: named, PATH: binDir({ chromium: CHROMIUM }) },
      bundled: noBundle,
    });
    expect(browser).toEqual({ executablePath: named, version: CHROME.output, source: BROWSER_VARIABLE });
  });

  it(`${BROWSER_VARIABLE} naming no browser fails, naming the variable, rather than testing in another browser`, async () => {
    const search = (named: string) =>
      findTestBrowser({
        ...linux,
        env: { [BROWSER_VARIABLE]: named, PATH: binDir({ chromium: CHROMIUM }) },
        bundled: noBundle,
      });
    await expect(search(join(root, 'missing'))).rejects.toThrow(
      `${BROWSER_VARIABLE}=${join(root, 'missing')} is not a`,
    );
    const notABrowser = join(binDir({ editor: { output: 'GNU nano 7.2' } }), 'editor');
    await expect(search(notABrowser)).rejects.toThrow(/does not call itself Chromium or Chrome/);
  });

  it('then a system Chromium, before Chrome, from PATH in its order', async () => {
    const chrome = binDir({ 'google-chrome': CHROME });
    const chromium = binDir({ chromium: CHROMIUM });
    const browser = await findTestBrowser({ ...linux, env: { PATH: `${chrome}:${chromium}` }, bundled: noBundle });
    expect(browser).toEqual({ executablePath: join(chromium, 'chromium'), version: CHROMIUM.output, source: 'system' });
    const onlyChrome = await findTestBrowser({ ...linux, env: { PATH: chrome }, bundled: noBundle });
    expect(onlyChrome.executablePath).toBe(join(chrome, 'google-chrome'));
  });

  it("passes over a command that is not a working browser (Ubuntu's chromium-browser without its snap)", async () => {
    const dir = binDir({ 'chromium-browser': SNAP_WRAPPER, 'google-chrome-stable': CHROME });
    const browser = await findTestBrowser({ ...linux, env: { PATH: dir }, bundled: noBundle });
    expect(browser.executablePath).toBe(join(dir, 'google-chrome-stable'));
  });

  it('then, on linux-x64 only, the Chromium of the npm package', async () => {
    const packaged = binDir({ chromium: { output: 'Chromium 143.0.7499.0' } });
    const empty = binDir({});
    const browser = await findTestBrowser({ ...linux, env: { PATH: empty }, bundled: bundledIn(packaged) });
    expect(browser).toEqual({
      executablePath: join(packaged, 'chromium'),
      version: 'Chromium 143.0.7499.0',
      source: '@sparticuz/chromium',
    });
    for (const [platform, arch] of [
      ['linux', 'arm64'],
      ['darwin', 'arm64'],
      ['win32', 'x64'],
    ] as const) {
      await expect(
        findTestBrowser({ platform, arch, env: { PATH: empty }, bundled: bundledIn(packaged) }),
      ).rejects.toThrow('@sparticuz/chromium: only for linux-x64');
    }
  });

  it('finding none, one message says what was looked at and what to install', async () => {
    const dir = binDir({ 'chromium-browser': SNAP_WRAPPER });
    const failure = findTestBrowser({ platform: 'darwin', arch: 'arm64', env: { PATH: dir }, bundled: noBundle });
    await expect(failure).rejects.toThrow(
      [
        'No browser for the storefront tests. Looked for, in this order:',
        `  1. ${BROWSER_VARIABLE}: not set`,
        '  2. a system Chromium or Chrome (chromium, chromium-browser, google-chrome-stable, google-chrome, chrome on ' +
          `PATH): none usable (${join(dir, 'chromium-browser')}: Command failed: ${join(dir, 'chromium-browser')} ` +
          `--version: ${SNAP_WRAPPER.output})`,
        '  3. the Chromium in the npm package @sparticuz/chromium: only for linux-x64',
        INSTALL_ADVICE,
      ].join('\n'),
    );
  });

  it('a packaged Chromium that cannot start for want of system libraries is reported with what to install', async () => {
    const packaged = binDir({
      chromium: {
        output: 'chromium: error while loading shared libraries: libnss3.so: cannot open shared object file',
        code: 127,
      },
    });
    await expect(
      findTestBrowser({ ...linux, env: { PATH: binDir({}) }, bundled: bundledIn(packaged) }),
    ).rejects.toThrow(/libnss3\.so: cannot open .*apt-get install libnss3/);
    await expect(findTestBrowser({ ...linux, env: { PATH: binDir({}) }, bundled: noBundle })).rejects.toThrow(
      '@sparticuz/chromium: could not be unpacked: the npm package was looked at',
    );
  });

  (process.platform === 'linux' && process.arch === 'x64' ? it : it.skip)(
    "unpacks the package's Chromium once into its cache folder, through a staging folder it removes",
    async () => {
      const cache = join(root, 'cache');
      const executable = await unpackBundledChromium(cache);
      expect(execFileSync(executable, ['--version'], { encoding: 'utf8' })).toMatch(/^Chromium \d+\./);
      expect(readdirSync(cache)).toEqual([expect.stringMatching(/^sparticuz-chromium-\d+\.\d+\.\d+$/)]);
      const unpackedAt = statSync(executable).mtimeMs;
      expect(await unpackBundledChromium(cache)).toBe(executable);
      expect(statSync(executable).mtimeMs).toBe(unpackedAt);
      expect(readdirSync(cache)).toHaveLength(1);
    },
    60_000,
  );
});
