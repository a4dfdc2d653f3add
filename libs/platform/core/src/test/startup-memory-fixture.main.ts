/**
 * For the start-up memory test: grows the young generation as a service's start-up does, optionally releases it, and
 * prints its size before and once the release is over, and how many collections were forced, as JSON. BUSY=true keeps
 * the event loop busy meanwhile, as requests would. Run with `node -r @swc-node/register`.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import {
  releaseStartupMemory,
  STARTUP_MEMORY_RELEASE,
  youngGenerationBytes,
} from '../lib/bootstrap/release-startup-memory';

// Short-lived objects that survive a few scavenges, as module loading makes: V8 grows the young generation for them.
let recent: object[][] = [];
for (let batch = 0; batch < 200; batch++) {
  recent.push(Array.from({ length: 20_000 }, (_, i) => ({ i, text: `item ${i}` })));
  if (recent.length > 20) recent.shift();
}
recent = [];
let forced = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // A gc entry's detail says why it ran (typed on PerformanceEntry only by newer @types/node).
    const flags = (entry as { detail?: { flags?: number } }).detail?.flags ?? 0;
    if (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced++;
  }
}).observe({ entryTypes: ['gc'] });
if (process.env['BUSY'] === 'true') {
  // Work in every turn of the event loop, with small pauses, like a service under load.
  const spin = () => {
    const until = Date.now() + 5;
    while (Date.now() < until) {
      recent.push([{}]);
      if (recent.length > 1000) recent = [];
    }
    setTimeout(spin, 1);
  };
  spin();
}
const before = youngGenerationBytes();
if (process.env['RELEASE'] === 'true') releaseStartupMemory();
const { intervalMs, attempts } = STARTUP_MEMORY_RELEASE;
setTimeout(
  () => {
    process.stdout.write(JSON.stringify({ before, after: youngGenerationBytes(), forced }));
    process.exit(0);
  },
  intervalMs * attempts + 500,
);
