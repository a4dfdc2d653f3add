import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../../../../..');
const FIXTURE = join(__dirname, '../../test/startup-memory-fixture.main.ts');

/** A fresh process (a test runner's heap is not a service's), so V8's own heuristics are the ones measured. */
function youngGeneration(release: boolean, busy = false): { before: number; after: number; forced: number } {
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', FIXTURE], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
      RELEASE: String(release),
      BUSY: String(busy),
    },
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

describe('releaseStartupMemory', () => {
  it('shrinks the young generation that start-up grew, which V8 alone keeps for now', () => {
    const kept = youngGeneration(false);
    const released = youngGeneration(true);
    expect(kept.after).toBe(kept.before);
    expect(released.after).toBeLessThan(released.before / 4);
    expect(released.forced).toBeGreaterThan(0);
  }, 60_000);

  it('never stops a busy service for a full collection', () => {
    expect(youngGeneration(true, true).forced).toBe(0);
  }, 60_000);
});
