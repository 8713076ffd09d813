import type { LRUCache } from "lru-cache";

/**
 * A read shared for a while by every request of this process (reference data, capped counts): concurrent callers of
 * one key wait on the same promise, and a failed read is forgotten so the next caller tries again. What is shared and
 * for how long is the cache's (its `max` and `ttl`); never anything that belongs to one organization.
 */
export function sharedRead<V extends NonNullable<unknown>>(cache: LRUCache<string, Promise<V>>, key: string, read: () => Promise<V>): Promise<V> {
  const kept = cache.get(key);
  if (kept) return kept;
  const value = read();
  cache.set(key, value);
  value.catch(() => {
    if (cache.get(key) === value) cache.delete(key);
  });
  return value;
}
