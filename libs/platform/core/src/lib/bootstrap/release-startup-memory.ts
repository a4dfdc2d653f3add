import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How often, and how many times at most, start-up memory release tries (V8 shrinks only once allocation is slow), and
 * the event-loop utilisation above which a try is skipped: a service already serving requests is not stopped for a
 * full collection (50–200 ms each on a busy 2-core machine), and its young generation is in use anyway.
 */
export const STARTUP_MEMORY_RELEASE = { intervalMs: 2_000, attempts: 6, busyAbove: 0.05 } as const;

/**
 * Start-up (loading some 2,000 modules, building Nest's dependency graph, the first queries) grows V8's young
 * generation to its largest size (32 MB) and leaves its pages resident, though an idle service never needs them. V8's
 * memory reducer gives them back by itself, but only about half a minute later. A full collection every couple of
 * seconds after start does it as soon as the service is quiet (V8 shrinks the young generation when a collection sees
 * a low allocation rate), then stops. Not a cap: under load the young generation grows back exactly as before.
 */
export function releaseStartupMemory({ intervalMs, attempts, busyAbove } = STARTUP_MEMORY_RELEASE): void {
  const collect = fullGarbageCollection();
  const grown = youngGenerationBytes();
  let left = attempts;
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const busy = performance.eventLoopUtilization(since).utilization > busyAbove;
    if (!busy) collect();
    since = performance.eventLoopUtilization();
    if (youngGenerationBytes() < grown || --left === 0) clearInterval(timer);
  }, intervalMs);
  timer.unref();
}

export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** `gc()` without starting node with --expose-gc; the flag is on only while one private context is created. */
function fullGarbageCollection(): () => void {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
