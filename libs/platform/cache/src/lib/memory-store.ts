/** Bounds of the in-memory store. */
export interface MemoryStoreLimits {
  readonly maxEntries: number;
  /** Bound on the stored values' serialized size plus their keys, in bytes. */
  readonly maxBytes: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly bytes: number;
  /** Epoch ms after which the entry is gone; undefined: no expiry. */
  readonly expires: number | undefined;
}

/** What one entry costs beyond its key and value (the Map slot and the entry object), so tiny entries count too. */
export const ENTRY_OVERHEAD_BYTES = 64;
/** Expired entries are swept on a write at most this often (a sweep is one pass over the entries). */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * The in-memory cache's store, as Keyv calls it (`get`, `set(key, value, ttl)`, `delete`, `clear`): bounded in
 * entries and in bytes, least recently used evicted first, and expired entries dropped — when read, and swept on
 * writes — rather than left to pin memory until something asks for them again.
 */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private lastSweep = 0;
  private readonly now: () => number;

  constructor(readonly limits: MemoryStoreLimits) {
    for (const [name, value] of [
      ['maxEntries', limits.maxEntries],
      ['maxBytes', limits.maxBytes],
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
    this.now = limits.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as counted against `maxBytes`. */
  get byteSize(): number {
    return this.bytes;
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires !== undefined && entry.expires <= this.now()) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    // Re-inserted: the Map's insertion order is the recency order.
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && (entry.expires === undefined || entry.expires > this.now());
  }

  set(key: string, value: unknown, ttlMs?: number): this {
    this.delete(key);
    const bytes = sizeOf(key, value);
    // A value larger than the whole budget is not cached (it would evict everything else for nothing).
    if (bytes > this.limits.maxBytes) return this;
    const now = this.now();
    const expires = typeof ttlMs === 'number' && ttlMs > 0 ? now + ttlMs : undefined;
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
    this.entries.set(key, { value, bytes, expires });
    this.bytes += bytes;
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Drops every expired entry. */
  sweep(now = this.now()): void {
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (entry.expires !== undefined && entry.expires <= now) this.delete(key);
    }
  }
}

/** Keyv hands over serialized strings; anything else is counted by its JSON form. */
function sizeOf(key: string, value: unknown): number {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return ENTRY_OVERHEAD_BYTES + Buffer.byteLength(key) + Buffer.byteLength(text);
}
