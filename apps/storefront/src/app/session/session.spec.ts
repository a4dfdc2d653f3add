import { MemoryStorage } from '../../test/memory-storage';
import { newIdempotencyKey, PENDING_CHECKOUT_KEY, PendingCheckouts } from './pending-checkout';
import { SESSION_KEY, sessionFrom, SessionStore } from './session-store';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('session store', () => {
  it('keeps a session until its access token expires, then forgets it', () => {
    let now = 1_000_000;
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, () => now);
    const changes = jest.fn();
    store.onChange(changes);
    const answer = { accessToken: 'tok', tokenType: 'Bearer', expiresIn: 60, user: { displayName: 'Ada' } };
    store.set(sessionFrom(answer as Parameters<typeof sessionFrom>[0], now));
    expect(changes).toHaveBeenCalledTimes(1);
    expect(store.get()).toMatchObject({ accessToken: 'tok', user: { displayName: 'Ada' }, expiresAt: now + 60_000 });
    now += 60_001;
    expect(store.get()).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('treats an unreadable session as none', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, '{not json');
    expect(new SessionStore(storage).get()).toBeNull();
  });

  it('remembers where to go after login, once', () => {
    const store = new SessionStore(new MemoryStorage());
    store.setAfterLogin('#/cart');
    expect(store.takeAfterLogin()).toBe('#/cart');
    expect(store.takeAfterLogin()).toBe('#/');
  });
});

describe('pending checkouts', () => {
  it('reuses the key while the cart is the same, and makes a new one for another cart or after clearing', () => {
    const storage = new MemoryStorage();
    let keys = 0;
    const checkouts = new PendingCheckouts(storage, () => `key-${++keys}`);
    expect(checkouts.keyFor('[["p1",1]]')).toBe('key-1');
    expect(new PendingCheckouts(storage, () => 'unused').keyFor('[["p1",1]]')).toBe('key-1'); // a reload retries
    expect(checkouts.keyFor('[["p1",2]]')).toBe('key-2');
    checkouts.clear();
    expect(storage.getItem(PENDING_CHECKOUT_KEY)).toBeNull();
    expect(checkouts.keyFor('[["p1",2]]')).toBe('key-3');
  });

  it('makes version-4 UUIDs, also where crypto.randomUUID is missing (plain HTTP)', () => {
    expect(newIdempotencyKey()).toMatch(UUID_V4);
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(array) };
    const keys = new Set(Array.from({ length: 20 }, () => newIdempotencyKey(insecure as unknown as Crypto)));
    expect(keys.size).toBe(20);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });
});
