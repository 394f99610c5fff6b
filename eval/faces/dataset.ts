// The large labelled face set (../shared/fixtures/scale, LFW crops) turned into events: who
// registers with which selfie, which faces go into which group photo, and at what size. Every
// choice comes from a seeded generator: the same seed gives the same events on every machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../bench/lib/photo-set.js';
import { packageRoot } from '../../server/util/app-paths.js';

export const SCALE_DIR = join(packageRoot(), '..', 'shared', 'fixtures', 'scale');

interface ScaleManifest {
  people: Record<string, string[]>;
  strangers: string[];
}

/** One LFW crop and whose face it is (`null`: somebody who never registers). */
export interface Crop {
  path: string; // relative to SCALE_DIR
  person: string;
}

/** A face placed in a composed group photo. */
export interface PlacedFace {
  crop: Crop;
  /** The crop's square in the frame, in pixels. */
  x: number;
  y: number;
  size: number;
  /** Nominal face width in pixels (the face fills about 44 % of an LFW crop). */
  faceWidth: number;
}

export interface FrameSpec {
  id: string;
  width: number;
  height: number;
  kind: 'small-faces-24mp' | 'group-1600';
  faces: PlacedFace[];
  seed: number;
}

export const FACE_FRACTION = 0.44;

const rng = mulberry32;

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface Dataset {
  /** People with 2+ photos, in a seeded order: an event of N attendees registers the first N. */
  people: { name: string; selfie: Crop; others: Crop[] }[];
  /** One-photo people: they never register. */
  strangers: Crop[];
  /** Every crop, for pair statistics. */
  all: Crop[];
}

export function loadDataset(seed: number, dir = SCALE_DIR): Dataset {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ScaleManifest;
  const random = rng(seed);
  const people = shuffle(
    Object.entries(m.people).sort(([a], [b]) => a.localeCompare(b)),
    random,
  ).map(([name, paths]) => ({
    name,
    selfie: { path: paths[0]!, person: name },
    others: paths.slice(1).map((path) => ({ path, person: name })),
  }));
  const strangers = m.strangers.map((path) => ({ path, person: `stranger:${path}` }));
  return { people, strangers, all: [...people.flatMap((p) => [p.selfie, ...p.others]), ...strangers] };
}

/** Face widths (px) per frame kind: 24 MP frames hold the small faces, 1600 px frames the usual ones. */
export const FRAME_KINDS = {
  'small-faces-24mp': { width: 6000, height: 4000, faceWidths: [40, 56, 80, 110], perFrame: 20 },
  'group-1600': { width: 1600, height: 1067, faceWidths: [70, 90, 120], perFrame: 10 },
} as const;

/**
 * Group photos holding every non-selfie photo of every person with 2+ photos and every
 * stranger, each face once, half of them in 24 MP frames with small faces. Faces are laid on a
 * jittered grid so that crops never overlap.
 */
export function planFrames(ds: Dataset, seed: number): FrameSpec[] {
  const random = rng(seed ^ 0x5eed);
  const faces = shuffle([...ds.people.flatMap((p) => p.others), ...ds.strangers], random);
  const frames: FrameSpec[] = [];
  let i = 0;
  let n = 0;
  while (i < faces.length) {
    const kind = n % 2 === 0 ? 'small-faces-24mp' : 'group-1600';
    const spec = FRAME_KINDS[kind];
    const batch = faces.slice(i, i + spec.perFrame);
    i += batch.length;
    const cols = Math.ceil(Math.sqrt(batch.length * (spec.width / spec.height)));
    const rows = Math.ceil(batch.length / cols);
    const cellW = Math.floor(spec.width / cols);
    const cellH = Math.floor(spec.height / rows);
    const placed = batch.map((crop, k) => {
      const faceWidth = spec.faceWidths[Math.floor(random() * spec.faceWidths.length)]!;
      const size = Math.min(Math.round(faceWidth / FACE_FRACTION), cellW, cellH);
      const col = k % cols;
      const row = Math.floor(k / cols);
      return {
        crop,
        size,
        faceWidth: Math.round(size * FACE_FRACTION),
        x: col * cellW + Math.floor(random() * (cellW - size + 1)),
        y: row * cellH + Math.floor(random() * (cellH - size + 1)),
      };
    });
    frames.push({ id: `f${String(n).padStart(3, '0')}-${kind}`, width: spec.width, height: spec.height, kind, faces: placed, seed: seed + n });
    n++;
  }
  return frames;
}
