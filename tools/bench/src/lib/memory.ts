/**
 * Resident memory of a process, as the kernel counts it.
 *
 *   rssMegabytes(pid: number): number  — VmRSS from /proc/<pid>/status in MB (1 MB = 1024 × 1024 bytes);
 *     throws when the process is gone or /proc is not there (Linux only).
 *   settledRssMegabytes(pid, { settleMs }): Promise<number>  — waits `settleMs` (default 2 s, so start-up or load
 *     work that is still finishing counts), then reads RSS.
 */
import { readFileSync } from 'node:fs';

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Math.round((Number(match[1]) / 1024) * 10) / 10;
}

export async function settledRssMegabytes(pid: number, options: { settleMs?: number } = {}): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2_000));
  return rssMegabytes(pid);
}
