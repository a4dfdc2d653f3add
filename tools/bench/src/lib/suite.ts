/**
 * What every benchmark suite returns: one row per measured target. `npm run bench` (tools/bench/src/main.ts) runs the
 * suites, prints one table and writes every row to `dist/bench/results.json`.
 */
export interface BenchRow {
  /** The suite that measured it, e.g. `platform`, `edge`, `search`, `memory`, `startup`. */
  readonly suite: string;
  /** What was measured, e.g. `GET /health/live, whole platform` or `bare NestJS-Fastify`. */
  readonly target: string;
  /** e.g. `req/s`, `p99 ms`, `p95 ms`, `RSS MB`, `s`. */
  readonly metric: string;
  /** Median over the rounds (the machine is noisy: medians, not means). */
  readonly value: number;
  /** This value divided by its baseline's in the same run, where there is a baseline. */
  readonly ratio?: number;
  /** The bar it is held to, in words (`≥ 0.6× bare`, `≤ 30 ms`), and whether it met it. */
  readonly goal?: string;
  readonly pass?: boolean;
  /** Anything a reader needs to interpret the number (rounds, connections, the raw values of each round). */
  readonly note?: string;
}

export interface BenchContext {
  readonly workspaceRoot: string;
  /** `--quick`: fewer and shorter rounds, to check the harness itself works. */
  readonly quick: boolean;
  /** One progress line to the terminal. */
  log(line: string): void;
}

export interface BenchSuite {
  readonly name: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
