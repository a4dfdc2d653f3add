import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSystem, type RunningSystem } from '@ms/launcher';

declare global {
  var __SYSTEM__: RunningSystem | undefined;
}

/** Starts the system exactly as `npm start` does (same launcher), on a fresh state folder and database. */
export default async function globalSetup(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'ms-system-e2e-'));
  const system = await startSystem({
    workspaceRoot: resolve(__dirname, '../../../..'),
    stateDir,
    // Its own embedded PostgreSQL port, so a developer's running `npm start` is not disturbed.
    env: { EMBEDDED_PG_PORT: process.env['E2E_PG_PORT'] ?? '54349', LOG_LEVEL: 'info' },
    onProgress: (event) => {
      if (event.kind === 'ready') process.stdout.write(`  ${event.service.name} ready (${event.ms} ms)\n`);
    },
  });
  globalThis.__SYSTEM__ = system;
  process.env['SYSTEM_URL'] = system.gatewayUrl;
  process.env['SYSTEM_STATE_DIR'] = stateDir;
}
