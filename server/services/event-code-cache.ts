// check-event-code is the hottest attendee request: answered from an LRU with a TTL, with its
// hit rate counted. Unknown codes are cached too (a typo storm costs no queries); creating or
// changing an event invalidates its code.
import { createCountingLru } from '../cache/counting-lru.js';

export interface CachedEvent {
  id: string;
  name: string;
  registrationOpen: boolean;
}

export function createEventCodeCache(load: (code: string) => CachedEvent | null, options = { max: 5000, ttlMs: 60_000 }) {
  const lru = createCountingLru<{ event: CachedEvent | null }>({ max: options.max, ttl: options.ttlMs });
  return {
    get: (code: string): CachedEvent | null => lru.get(code, () => ({ event: load(code) })).event,
    invalidate: (code: string) => lru.delete(code),
    stats: lru.stats,
  };
}
export type EventCodeCache = ReturnType<typeof createEventCodeCache>;
