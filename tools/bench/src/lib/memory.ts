/**
 * Resident memory of a process, as the kernel counts it.
 *
 *   rssMegabytes(pid: number): number  — VmRSS from /proc/<pid>/status in MB (1 MB = 1024 × 1024 bytes);
 *     throws when the process is gone or /proc is not there (Linux only).
 *   settledRssMegabytes(pid, { settleMs }): Promise<number>  — waits `settleMs` (default 2 s, so start-up or load
 *     work that is still finishing counts), then reads RSS.
 *   pidListeningOn(port: number): number | undefined  — who listens on a TCP port (see below).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/**
 * pidListeningOn(port: number): number | undefined  — the pid of the process listening on TCP `port` (IPv4 or
 * IPv6), found through /proc/net/tcp{,6} and the processes' socket descriptors; for processes the bench did not
 * spawn itself (e.g. services started by the launcher). Linux only; undefined when nothing listens or it is hidden.
 */
export function pidListeningOn(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is `ADDR:PORT`, st `0A` is LISTEN, inode is the 10th field.
      if (fields.length > 9 && fields[1].endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1])) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
