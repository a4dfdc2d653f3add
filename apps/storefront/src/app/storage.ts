/** A JSON value kept in Web Storage; `fallback` when it is missing or unreadable (e.g. edited by hand). */
export function readJson<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
