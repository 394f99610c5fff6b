// check-event-code is the hottest attendee request: answered from an LRU with a TTL, with its
// hit rate counted. Unknown codes are cached too (a typo storm costs no queries); creating or
// changing an event invalidates its code.
import { LRUCache } from 'lru-cache';
import type { CacheStats } from '../contract/admin.js';

export interface CachedEvent {
  id: string;
  name: string;
}

type Entry = { event: CachedEvent | null };

export function createEventCodeCache(load: (code: string) => CachedEvent | null, options = { max: 5000, ttlMs: 60_000 }) {
  const lru = new LRUCache<string, Entry>({ max: options.max, ttl: options.ttlMs });
  let hits = 0;
  let misses = 0;
  return {
    get(code: string): CachedEvent | null {
      const cached = lru.get(code);
      if (cached) {
        hits++;
        return cached.event;
      }
      misses++;
      const event = load(code);
      lru.set(code, { event });
      return event;
    },
    invalidate: (code: string) => void lru.delete(code),
    stats(): CacheStats {
      const total = hits + misses;
      return { hits, misses, hitRate: total ? hits / total : 0, size: lru.size };
    },
  };
}
export type EventCodeCache = ReturnType<typeof createEventCodeCache>;
