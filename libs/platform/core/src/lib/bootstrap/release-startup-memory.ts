import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How often start-up memory release looks, how many collections it tries at most (V8 shrinks only once allocation is
 * slow), within how many looks, and the event-loop utilisation above which a look collects nothing: a service busy
 * serving requests or finishing its own start-up work is not stopped for a full collection (50–200 ms each on a busy
 * 2-core machine), and its young generation is in use anyway; it is collected once it is quiet.
 */
export const STARTUP_MEMORY_RELEASE = { intervalMs: 2_000, attempts: 6, looks: 30, busyAbove: 0.05 } as const;

/**
 * Start-up (loading some 2,000 modules, building Nest's dependency graph, the first queries) grows V8's young
 * generation to its largest size (32 MB) and leaves its pages resident, though an idle service never needs them. V8's
 * memory reducer gives them back by itself, but only about half a minute later. A full collection every couple of
 * seconds after start does it as soon as the service is quiet (V8 shrinks the young generation when a collection sees
 * a low allocation rate), then stops. Not a cap: under load the young generation grows back exactly as before.
 */
export function releaseStartupMemory({ intervalMs, attempts, looks, busyAbove } = STARTUP_MEMORY_RELEASE): void {
  const collect = fullGarbageCollection();
  const grown = youngGenerationBytes();
  let collections = 0;
  let looked = 0;
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const busy = performance.eventLoopUtilization(since).utilization > busyAbove;
    if (!busy) {
      collect();
      collections++;
    }
    since = performance.eventLoopUtilization();
    if (youngGenerationBytes() < grown || collections === attempts || ++looked === looks) clearInterval(timer);
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
