/**
 * `npm run bench [-- --quick] [-- --only platform,memory]`: runs every suite in ./suites (each file exports a
 * BenchSuite as `suite`), prints one table and writes every row to dist/bench/results.json. Goals are reported as
 * pass/fail; the exit code stays 0 unless the harness itself breaks (a benchmark is not a test).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './lib/suite';
import { formatTable } from './lib/table';

const WORKSPACE = join(__dirname, '../../..');

function parseArgs(argv: readonly string[]): { quick: boolean; only?: string[] } {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--only');
  const inline = argv.find((arg) => arg.startsWith('--only='));
  const list = inline ? inline.slice('--only='.length) : at >= 0 ? argv[at + 1] : undefined;
  return {
    quick,
    only: list
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  };
}

function discoverSuites(): BenchSuite[] {
  const dir = join(__dirname, 'suites');
  return readdirSync(dir)
    .filter((file) => /\.[jt]s$/.test(file) && !file.endsWith('.d.ts') && !/\.spec\.[jt]s$/.test(file))
    .sort()
    .map((file) => (require(join(dir, file)) as { suite?: BenchSuite }).suite)
    .filter((suite): suite is BenchSuite => Boolean(suite && typeof suite.run === 'function'));
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const all = discoverSuites();
  const unknown = (only ?? []).filter((name) => !all.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown suite(s): ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}\n`);
    process.exit(2);
  }
  const suites = only ? all.filter((suite) => only.includes(suite.name)) : all;
  const started = new Date();
  const rows: BenchRow[] = [];
  const failures: { suite: string; error: string }[] = [];
  for (const suite of suites) {
    const log = (line: string) => process.stdout.write(`[${suite.name}] ${line}\n`);
    log(quick ? 'running (quick)' : 'running');
    try {
      rows.push(...(await suite.run({ workspaceRoot: WORKSPACE, quick, log })));
    } catch (error) {
      const message = (error as Error)?.stack ?? String(error);
      failures.push({ suite: suite.name, error: message });
      log(`failed: ${message}`);
    }
  }

  process.stdout.write(`\n${formatTable(rows)}\n`);
  for (const failure of failures) process.stdout.write(`suite ${failure.suite} did not finish (see above)\n`);
  const missed = rows.filter((row) => row.pass === false);
  process.stdout.write(
    `${rows.filter((row) => row.pass === true).length} goals met, ${missed.length} missed` +
      (missed.length ? `: ${missed.map((row) => `${row.target} ${row.metric}`).join('; ')}` : '') +
      '\n',
  );

  const outDir = join(WORKSPACE, 'dist/bench');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'results.json');
  writeFileSync(
    file,
    JSON.stringify(
      { started: started.toISOString(), quick, cpus: cpus().length, node: process.version, rows, failures },
      null,
      2,
    ) + '\n',
  );
  process.stdout.write(`results: ${file}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? error}\n`);
    process.exit(1);
  },
);
