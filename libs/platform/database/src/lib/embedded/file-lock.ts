import { open, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when a process with this id exists (signal 0 only checks; EPERM means it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `action` while holding an exclusive lock file, so concurrently starting processes (the dev launcher starts
 * every service at once) take turns. Creation with 'wx' is atomic; the file holds the owner's pid so a lock left by a
 * crashed process is broken instead of blocking everyone forever.
 */
export async function withFileLock<T>(lockFile: string, timeoutMs: number, action: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    // An empty file is a lock being written right now; only a lock naming a dead process is stale.
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !isProcessAlive(owner)) {
      await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for the lock ${lockFile} (held by process ${owner || '?'})`,
      );
    }
    await sleep(50);
  }
  try {
    return await action();
  } finally {
    await rm(lockFile, { force: true });
  }
}
