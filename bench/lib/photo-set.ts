// The ingest set: 24 MP (6000 × 4000) "group shots" made from the fixture photos, upscaled and
// composited at known places, with grain, JPEG quality 92 (about 10 MB each). Generated once
// and cached in bench/.cache/photos-v1/ with an index of what is where and who must be found.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { CACHE, fixture, grain, manifest } from './fixtures.js';

export const PHOTO_W = 6000;
export const PHOTO_H = 4000;
const DIR = join(CACHE, 'photos-v1');
const INDEX = join(DIR, 'index.json');

// Fixture photos whose faces the model still finds when they fill a quarter to a half of a
// 24 MP frame (checked with the model at 1600 px). biden2, john2 and obama_partial_face are
// left out: scaled into such a frame the model alone misses them in some places, which would
// make "every expected match found" depend on the layout instead of on FindMe.
const POOL = [
  'photos/alex_lacamoire1.jpg',
  'photos/johnsnow_test1.jpg',
  'photos/kit_with_rose.jpg',
  'photos/obama1.jpg',
  'photos/obama2.jpg',
  'photos/obama3.jpg',
  'photos/obama-240p.jpg',
  'photos/obama_and_biden.jpg',
  'photos/two_people.jpg',
  'photos/rose_leslie2.jpg',
  'photos/32bit.png',
  'photos/lin-manuel-miranda.png',
];

export interface Tile {
  fixture: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface SetPhoto {
  name: string;
  path: string;
  bytes: number;
  tiles: Tile[];
  /** Registered attendees who appear in it (from the manifest of each tile). */
  expected: string[];
}

/** mulberry32: small, fast, seeded (the same seed gives the same photos everywhere). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CELLS: Record<number, [number, number, number, number][]> = {
  2: [
    [0, 0, 3000, 4000],
    [3000, 0, 3000, 4000],
  ],
  3: [
    [0, 0, 2000, 4000],
    [2000, 0, 2000, 4000],
    [4000, 0, 2000, 4000],
  ],
  4: [
    [0, 0, 3000, 2000],
    [3000, 0, 3000, 2000],
    [0, 2000, 3000, 2000],
    [3000, 2000, 3000, 2000],
  ],
};

let sharedGrain: Buffer | undefined;

async function generate(i: number): Promise<SetPhoto> {
  const rand = mulberry32(1000 + i);
  const n = 2 + Math.floor(rand() * 3);
  const pool = [...POOL];
  for (let k = pool.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [pool[k], pool[j]] = [pool[j]!, pool[k]!];
  }
  const composites: OverlayOptions[] = [];
  const tiles: Tile[] = [];
  for (const [k, [cx, cy, cw, ch]] of CELLS[n]!.entries()) {
    const rel = pool[k]!;
    const margin = 80 + Math.floor(rand() * 300);
    const { data, info } = await sharp(fixture(rel))
      .rotate()
      .resize(cw - margin, ch - margin, { fit: 'inside' })
      .flatten({ background: '#808080' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const left = cx + Math.floor(rand() * (cw - info.width));
    const top = cy + Math.floor(rand() * (ch - info.height));
    composites.push({ input: data, raw: { width: info.width, height: info.height, channels: 3 }, left, top });
    tiles.push({ fixture: rel, left, top, width: info.width, height: info.height });
  }
  sharedGrain ??= grain(PHOTO_W, PHOTO_H, 18, 7);
  composites.push({ input: sharedGrain, raw: { width: PHOTO_W, height: PHOTO_H, channels: 3 }, blend: 'overlay' });
  const shade = () => 70 + Math.floor(rand() * 80);
  const jpeg = await sharp({ create: { width: PHOTO_W, height: PHOTO_H, channels: 3, background: { r: shade(), g: shade(), b: shade() } } })
    .composite(composites)
    .jpeg({ quality: 92 })
    .toBuffer();
  const name = `group-${String(i + 1).padStart(3, '0')}.jpg`;
  const path = join(DIR, name);
  writeFileSync(path + '.partial', jpeg);
  renameSync(path + '.partial', path);
  const expected = [...new Set(tiles.flatMap((t) => manifest.photos[t.fixture]?.faces ?? []))].sort();
  return { name, path, bytes: jpeg.length, tiles, expected };
}

/** The first `count` photos of the set, generating what the cache does not hold yet. */
export async function photoSet(count: number, log: (line: string) => void): Promise<SetPhoto[]> {
  mkdirSync(DIR, { recursive: true });
  const index: SetPhoto[] = existsSync(INDEX) ? (JSON.parse(readFileSync(INDEX, 'utf8')) as SetPhoto[]) : [];
  const out: SetPhoto[] = [];
  const started = Date.now();
  let made = 0;
  for (let i = 0; i < count; i++) {
    const known = index[i];
    if (known && existsSync(join(DIR, known.name)) && statSync(join(DIR, known.name)).size === known.bytes) {
      out.push({ ...known, path: join(DIR, known.name) });
      continue;
    }
    index[i] = await generate(i);
    out.push(index[i]!);
    made++;
    if (made % 10 === 0) log(`  generated ${made} photos (${Math.round((Date.now() - started) / 1000)} s)`);
    writeFileSync(
      INDEX,
      JSON.stringify(
        index.map((p) => ({ ...p, path: basename(p.path) })),
        null,
        1,
      ),
    );
  }
  if (made) log(`  generated ${made} photos of 24 MP in ${Math.round((Date.now() - started) / 1000)} s (cached in ${DIR})`);
  sharedGrain = undefined;
  return out;
}

/** The same picture with different bytes (a JPEG comment after SOI): not a duplicate to FindMe. */
export function uniqueBytes(jpeg: Buffer, tag: string): Buffer {
  const text = Buffer.from(tag, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(text.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe]), len, text, jpeg.subarray(2)]);
}
