// The figures of the face evaluation: pair statistics over every crop (false-match and
// false-non-match rates) and events of N attendees simulated with the engine's own matcher.
import type { FaceMatch, FaceToMatch, Reference } from '../../server/faces/matcher.js';
import type { Dataset, FrameSpec } from './dataset.js';
import type { CropResult, FaceOut, FrameResult } from './describe.worker.js';

export type Distance = (a: Float32Array, b: Float32Array) => number;

export interface PairStats {
  genuine: Float64Array; // sorted
  impostor: Float64Array; // sorted
  quantiles: { genuine: Record<string, number>; impostor: Record<string, number> };
  tarAt: { fmr: number; threshold: number; tar: number }[];
  sweep: { threshold: number; fmr: number; fnmr: number }[];
}

const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))] ?? NaN;
/** How many sorted values are below t (binary search). */
export function countBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pairStats(items: { person: string; d: Float32Array }[], distance: Distance, sweepAt: number[]): PairStats {
  const gen: number[] = [];
  const imp = new Float64Array((items.length * (items.length - 1)) / 2);
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const d = distance(items[i]!.d, items[j]!.d);
      if (items[i]!.person === items[j]!.person) gen.push(d);
      else imp[k++] = d;
    }
  }
  const genuine = Float64Array.from(gen).sort();
  const impostor = imp.subarray(0, k).sort();
  const qs = [0.01, 0.05, 0.5, 0.95, 0.99];
  const q = (s: Float64Array) => Object.fromEntries(qs.map((p) => [`p${p * 100}`, quantile(s, p)]));
  return {
    genuine,
    impostor,
    quantiles: { genuine: q(genuine), impostor: q(impostor) },
    tarAt: [1e-3, 1e-4, 1e-5].map((fmr) => {
      const threshold = impostor[Math.floor(fmr * impostor.length)] ?? 0; // at most fmr of impostors strictly below
      return { fmr, threshold, tar: countBelow(genuine, threshold) / genuine.length };
    }),
    sweep: sweepAt.map((t) => ({ threshold: t, fmr: countBelow(impostor, t) / impostor.length, fnmr: 1 - countBelow(genuine, t) / genuine.length })),
  };
}

/** Which placed face a detection is (its crop's main face), or null: a bystander or no face. */
export function identify(frame: FrameSpec, face: FaceOut): { index: number; person: string } | null {
  const cx = face.box.x + face.box.width / 2;
  const cy = face.box.y + face.box.height / 2;
  let best: { index: number; person: string } | null = null;
  let bestD = Infinity;
  frame.faces.forEach((p, index) => {
    const d = Math.hypot(cx - (p.x + p.size / 2), cy - (p.y + p.size / 2));
    if (d < p.size * 0.2 && d < bestD) [best, bestD] = [{ index, person: p.crop.person }, d];
  });
  return best;
}

export interface EventFigures {
  attendees: number;
  selfies: { accepted: number; afterRetake: number; refused: number };
  attendeeFaces: number;
  strangerFaces: number;
  detected: number;
  shown: number;
  correct: number;
  toOtherAttendee: number;
  toStranger: number;
  precision: number;
  recall: number;
  wrongAttendeeRate: number;
  strangersMatchedRate: number;
  wrongPhotos: number;
  attendeesShownWrongPhotos: number;
}

export type MatchRule = (faces: FaceToMatch[], refs: Reference[]) => FaceMatch[];

/**
 * An event of the first `n` people. With `selfiesEach` 2, people with 3+ photos register their
 * second photo too; that photo's face is then left out of the group photos' figures.
 */
export function simulateEvent(
  n: number,
  ds: Dataset,
  crops: Map<string, CropResult>,
  frames: { spec: FrameSpec; result: FrameResult }[],
  rule: MatchRule,
  selfiesEach = 1,
): EventFigures {
  const registered = ds.people.slice(0, n);
  const names = new Set(registered.map((p) => p.name));
  const refs: Reference[] = [];
  const selfies = { accepted: 0, afterRetake: 0, refused: 0 };
  const asSelfie = new Set<string>();
  for (const p of registered) {
    const r = crops.get(p.selfie.path)!;
    if (r.verdict !== 'accepted' || !r.face) {
      selfies.refused++;
      continue;
    }
    if (r.retake) selfies.afterRetake++;
    else selfies.accepted++;
    refs.push({ attendeeId: p.name, descriptor: r.face.descriptor });
    const second = selfiesEach > 1 && p.others.length >= 2 ? crops.get(p.others[0]!.path) : undefined;
    if (second?.verdict === 'accepted' && second.face) {
      refs.push({ attendeeId: p.name, descriptor: second.face.descriptor });
      asSelfie.add(p.others[0]!.path);
    }
  }
  let attendeeFaces = 0;
  let strangerFaces = 0;
  let detected = 0;
  let shown = 0;
  let toOtherAttendee = 0;
  let toStranger = 0;
  const correctFaces = new Set<string>();
  const wrongPhotos = new Set<string>();
  for (const { spec, result } of frames) {
    for (const p of spec.faces) {
      if (asSelfie.has(p.crop.path)) continue;
      if (names.has(p.crop.person)) attendeeFaces++;
      else strangerFaces++;
    }
    const ids = result.faces.map((f) => identify(spec, f));
    const skip = (i: number) => asSelfie.has(spec.faces[i]!.crop.path);
    detected += new Set(ids.filter((i) => i && !skip(i.index)).map((i) => i!.index)).size;
    const matches = rule(
      result.faces.map((f, faceIndex) => ({ photoId: spec.id, faceIndex, descriptor: f.descriptor, width: f.box.width })),
      refs,
    );
    for (const m of matches) {
      const who = ids[m.faceIndex];
      if (who && skip(who.index)) continue;
      shown++;
      if (who && who.person === m.attendeeId) {
        correctFaces.add(`${spec.id}/${who.index}`);
        continue;
      }
      if (who && names.has(who.person)) toOtherAttendee++;
      else toStranger++;
      wrongPhotos.add(`${spec.id}|${m.attendeeId}`);
    }
  }
  const correct = shown - toOtherAttendee - toStranger;
  return {
    attendees: n,
    selfies,
    attendeeFaces,
    strangerFaces,
    detected,
    shown,
    correct,
    toOtherAttendee,
    toStranger,
    precision: shown ? correct / shown : 1,
    recall: correctFaces.size / attendeeFaces,
    wrongAttendeeRate: toOtherAttendee / attendeeFaces,
    strangersMatchedRate: toStranger / strangerFaces,
    wrongPhotos: wrongPhotos.size,
    attendeesShownWrongPhotos: new Set([...wrongPhotos].map((k) => k.split('|')[1])).size,
  };
}

/** Share of placed faces found, by frame kind and face width. */
export function detectionRecall(frames: { spec: FrameSpec; result: FrameResult }[]) {
  const rows = new Map<string, { kind: string; width: number; placed: number; found: number }>();
  let extra = 0;
  for (const { spec, result } of frames) {
    const found = new Set<number>();
    for (const f of result.faces) {
      const who = identify(spec, f);
      if (who) found.add(who.index);
      else extra++;
    }
    spec.faces.forEach((p, i) => {
      const key = `${spec.kind}|${p.faceWidth}`;
      const row = rows.get(key) ?? { kind: spec.kind, width: p.faceWidth, placed: 0, found: 0 };
      row.placed++;
      if (found.has(i)) row.found++;
      rows.set(key, row);
    });
  }
  return { rows: [...rows.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.width - b.width), otherDetections: extra };
}
