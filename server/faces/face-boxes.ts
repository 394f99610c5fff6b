// Box arithmetic for merging the detector's passes: overlap and greedy non-maximum suppression.
import type { FaceBox } from './face-engine.js';

export interface ScoredBox {
  box: FaceBox;
  score: number;
}

export function iou(a: FaceBox, b: FaceBox): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const i = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return i / (a.width * a.height + b.width * b.height - i);
}

/** b's centre inside a, and the two of similar size: the same face seen by two passes. */
function sameFace(a: FaceBox, b: FaceBox): boolean {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  return cx > a.x && cx < a.x + a.width && cy > a.y && cy < a.y + a.height && b.width < a.width * 1.6 && a.width < b.width * 1.6;
}

/** Share of a's area inside b. */
function coveredBy(a: FaceBox, b: FaceBox): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  return (Math.max(0, x2 - x1) * Math.max(0, y2 - y1)) / (a.width * a.height);
}

/**
 * Keeps the best-scored box of each face across passes. A face cannot sit inside a face twice
 * its size: such boxes (an eye or a mouth of a large face) are dropped.
 */
export function mergeBoxes(all: ScoredBox[]): ScoredBox[] {
  const keep: ScoredBox[] = [];
  for (const d of [...all].sort((p, q) => q.score - p.score)) {
    if (!keep.some((k) => iou(k.box, d.box) > 0.3 || sameFace(k.box, d.box) || sameFace(d.box, k.box))) keep.push(d);
  }
  return keep.filter((d) => !keep.some((k) => k !== d && k.box.width >= 2 * d.box.width && coveredBy(d.box, k.box) >= 0.8));
}
