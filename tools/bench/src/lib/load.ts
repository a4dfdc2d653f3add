/**
 * HTTP load with autocannon, and the medians of interleaved rounds.
 *
 *   load(target: LoadTarget, options: LoadOptions): Promise<LoadResult>
 *     One autocannon run against `target.url` (`connections`, `durationSeconds`, optional method/headers/body).
 *     Rejects if any request failed or answered non-2xx (unless `allowNon2xx`): a fast error page is not a result.
 *   interleavedRounds(targets: LoadTarget[], options: LoadOptions & { rounds }): Promise<Record<name, RoundsResult>>
 *     Runs round 1 of every target, then round 2 of every target, … (so drift on a noisy machine hits all alike),
 *     after one short warm-up per target (`warmupSeconds`, default 2, not counted), and returns each target's
 *     rounds and their medians.
 *   median(values: number[]): number
 *   benchOptions(quick: boolean, overrides?): LoadOptions & { rounds }  — the defaults every suite shares:
 *     50 connections, 8 s × 3 rounds (quick: 2 s × 1 round, 1 s warm-up).
 */
import autocannon = require('autocannon');

export interface LoadTarget {
  /** Key of the result, e.g. `platform` or `bare`. */
  readonly name: string;
  readonly url: string;
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds?: number;
  readonly allowNon2xx?: boolean;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

export interface RoundsResult {
  readonly rounds: LoadResult[];
  readonly median: LoadResult;
}

export async function load(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  const failed = result.errors + result.timeouts + (options.allowNon2xx ? 0 : result.non2xx);
  if (failed > 0) {
    throw new Error(
      `${target.name} (${target.url}): ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx ` +
        `of ${result.requests.total} requests`,
    );
  }
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

export async function interleavedRounds(
  targets: readonly LoadTarget[],
  options: LoadOptions & { readonly rounds: number },
): Promise<Record<string, RoundsResult>> {
  const rounds: Record<string, LoadResult[]> = {};
  for (const target of targets) {
    await load(target, { ...options, durationSeconds: options.warmupSeconds ?? 2 });
    rounds[target.name] = [];
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const target of targets) rounds[target.name].push(await load(target, options));
  }
  const results: Record<string, RoundsResult> = {};
  for (const target of targets) {
    const own = rounds[target.name];
    results[target.name] = {
      rounds: own,
      median: {
        requestsPerSecond: median(own.map((r) => r.requestsPerSecond)),
        p50Ms: median(own.map((r) => r.p50Ms)),
        p99Ms: median(own.map((r) => r.p99Ms)),
        requests: median(own.map((r) => r.requests)),
      },
    };
  }
  return results;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function benchOptions(
  quick: boolean,
  overrides: Partial<LoadOptions & { rounds: number }> = {},
): LoadOptions & { rounds: number } {
  return {
    connections: 50,
    durationSeconds: quick ? 2 : 8,
    warmupSeconds: quick ? 1 : 2,
    rounds: quick ? 1 : 3,
    ...overrides,
  };
}
