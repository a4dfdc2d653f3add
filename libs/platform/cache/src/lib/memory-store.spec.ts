import { ENTRY_OVERHEAD_BYTES, MemoryStore } from './memory-store';

describe('MemoryStore', () => {
  let clock = 0;
  const store = (maxEntries: number, maxBytes = 1_000_000) =>
    new MemoryStore({ maxEntries, maxBytes, now: () => clock });
  /** A value that costs exactly `bytes` with a one-letter key. */
  const costing = (bytes: number) => 'x'.repeat(bytes - ENTRY_OVERHEAD_BYTES - 1);

  beforeEach(() => (clock = 1_000_000));

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const map = store(2);
    map.set('a', 1).set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([1, undefined, 3]);
  });

  it('counts an overwrite as a use, not as a new entry', () => {
    const map = store(2);
    map.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([10, undefined, 3]);
    expect(map.size).toBe(2);
  });

  it('keeps the bytes held within maxBytes, evicting the least recently used', () => {
    const map = store(1_000, 1_000);
    for (const key of ['a', 'b', 'c', 'd']) map.set(key, costing(300));
    expect(map.byteSize).toBe(900);
    expect([map.get('a'), map.has('b'), map.has('d')]).toEqual([undefined, true, true]);
    map.set('e', costing(600));
    expect(map.byteSize).toBeLessThanOrEqual(1_000);
    expect([map.has('b'), map.has('c'), map.has('d'), map.has('e')]).toEqual([false, false, true, true]);
  });

  it('does not cache a value larger than the whole budget, and drops what the key held', () => {
    const map = store(10, 1_000);
    map.set('a', costing(100)).set('b', costing(100));
    map.set('a', costing(1_001));
    expect([map.has('a'), map.has('b'), map.byteSize]).toEqual([false, true, 100]);
  });

  it('forgets an entry once its ttl has passed', () => {
    const map = store(10);
    map.set('a', 1, 1_000).set('b', 2);
    clock += 999;
    expect(map.get('a')).toBe(1);
    clock += 1;
    expect([map.get('a'), map.get('b')]).toEqual([undefined, 2]);
  });

  it('sweeps expired entries on a later write, so entries nobody reads again do not pin memory', () => {
    const map = store(1_000);
    for (let i = 0; i < 100; i++) map.set(`search-${i}`, costing(1_000), 60_000);
    const held = map.byteSize;
    clock += 60_000;
    map.set('fresh', 1, 60_000);
    expect(map.size).toBe(1);
    expect(map.byteSize).toBeLessThan(held / 50);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => store(0)).toThrow('maxEntries must be a positive integer');
    expect(() => store(1, 0.5)).toThrow('maxBytes must be a positive integer');
  });
});
