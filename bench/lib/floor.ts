// Runs the inference floor with `parallel` processes at once (photos split round-robin) and
// sums it up: the floor of an ingest with that many workers is the slowest process's time.
import { readProc } from './proc-sampler.js';
import { forkChild, nextMessage, stopChild } from './child.js';
import type { FloorChildResult, FloorTask } from '../children/floor-child.js';
import { summarize, type Summary } from './stats.js';

export interface FloorResult {
  parallel: number;
  photos: number;
  /** Wall time of the slowest process: the floor of an ingest with `parallel` workers. */
  floorMs: number;
  /** Sum of every photo's inference time. */
  sumMs: number;
  perImage: Summary;
  modelLoadMs: number;
  decodeMsPerPhoto: number;
  matches: Record<string, string[]>;
  faceCounts: Record<string, number>;
  peakRssBytes: number;
}

export async function inferenceFloor(photos: FloorTask['photos'], selfies: FloorTask['selfies'], parallel: number, threshold: number): Promise<FloorResult> {
  const shares = Array.from({ length: parallel }, (_, k) => photos.filter((_, i) => i % parallel === k)).filter((s) => s.length);
  const children = shares.map(() => forkChild('children/floor-child.ts'));
  let peakRssBytes = 0;
  const timer = setInterval(() => {
    const rss = children.reduce((s, c) => s + (readProc(c.pid!)?.rssBytes ?? 0), 0);
    peakRssBytes = Math.max(peakRssBytes, rss);
  }, 500);
  try {
    await Promise.all(children.map((c) => nextMessage(c, 'ready', 60_000)));
    const decoded = Promise.all(children.map((c) => nextMessage(c, 'decoded', 20 * 60_000)));
    const results = Promise.all(children.map((c) => nextMessage<{ type: string; result: FloorChildResult }>(c, 'result', 40 * 60_000)));
    children.forEach((c, k) => c.send({ type: 'run', task: { photos: shares[k]!, selfies, threshold } satisfies FloorTask }));
    await decoded;
    for (const c of children) c.send({ type: 'go' });
    const all = (await results).map((r) => r.result);
    const perImage = all.flatMap((r) => r.perImageMs);
    return {
      parallel: shares.length,
      photos: photos.length,
      floorMs: Math.max(...all.map((r) => r.wallMs)),
      sumMs: perImage.reduce((s, v) => s + v, 0),
      perImage: summarize(perImage),
      modelLoadMs: Math.max(...all.map((r) => r.modelLoadMs)),
      decodeMsPerPhoto: all.reduce((s, r) => s + r.decodeMs, 0) / photos.length,
      matches: Object.assign({}, ...all.map((r) => r.matches)) as Record<string, string[]>,
      faceCounts: Object.assign({}, ...all.map((r) => r.faceCounts)) as Record<string, number>,
      peakRssBytes,
    };
  } finally {
    clearInterval(timer);
    await Promise.all(children.map((c) => stopChild(c, 5_000)));
  }
}
