// An LRU (lru-cache) that counts its hits and misses, for the caches whose hit rates the
// dashboard shows (/api/admin/queue/stats).
import { LRUCache } from 'lru-cache';
import type { CacheStats } from '../contract/admin.js';

export function createCountingLru<V extends object>(options: LRUCache.Options<string, V, unknown>) {
  const lru = new LRUCache<string, V>(options);
  let hits = 0;
  let misses = 0;
  const record = (cached: V | undefined) => {
    if (cached) hits++;
    else misses++;
    return cached;
  };
  return {
    /** The cached value, or `load()`'s (then cached). */
    get(key: string, load: () => V): V {
      const cached = record(lru.get(key));
      if (cached) return cached;
      const value = load();
      lru.set(key, value);
      return value;
    },
    async getAsync(key: string, load: () => Promise<V>): Promise<V> {
      const cached = record(lru.get(key));
      if (cached) return cached;
      const value = await load();
      lru.set(key, value);
      return value;
    },
    delete: (key: string) => void lru.delete(key),
    stats(): CacheStats {
      const total = hits + misses;
      return { hits, misses, hitRate: total ? hits / total : 0, size: lru.size };
    },
  };
}
