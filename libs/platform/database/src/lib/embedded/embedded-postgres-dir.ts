import { join } from 'node:path';
import { localStateDir } from '@ms/platform-core';

/** Folder of the machine's shared embedded cluster: `localStateDir()/postgres` (`.data/postgres`, or MS_STATE_DIR). */
export function embeddedPostgresDir(env: NodeJS.ProcessEnv): string {
  return join(localStateDir(env), 'postgres');
}
