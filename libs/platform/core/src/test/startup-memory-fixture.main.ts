/**
 * For the start-up memory test: grows the young generation as a service's start-up does, optionally releases it, and
 * prints its size before and once the release is over, as JSON. Run with `node -r @swc-node/register`.
 */
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
const before = youngGenerationBytes();
if (process.env['RELEASE'] === 'true') releaseStartupMemory();
const { intervalMs, attempts } = STARTUP_MEMORY_RELEASE;
setTimeout(
  () => process.stdout.write(JSON.stringify({ before, after: youngGenerationBytes() })),
  intervalMs * attempts + 500,
);
