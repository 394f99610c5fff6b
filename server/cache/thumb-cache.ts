// Hot thumbnails stay in memory (64 MB by default); its hit rate shows in queue/stats.
import { createCountingLru } from './counting-lru.js';

export function createThumbCache(maxBytes = 64 * 1024 * 1024) {
  const lru = createCountingLru<Buffer>({ maxSize: maxBytes, sizeCalculation: (b) => b.length });
  return { get: lru.getAsync, stats: lru.stats };
}
export type ThumbCache = ReturnType<typeof createThumbCache>;
