// The image files of the seeded galleries: a handful of real camera-sized photos (24 MP,
// 6000 × 4000, grain, JPEG quality 92, as photo-set.ts makes them) and their renditions made
// the way FindMe makes them (preview ≤1600 px at quality 82, thumbnail ≤400 px at quality 78).
// Cached in bench/.cache/gallery-v1/; every seeded photo hard-links one of them.
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { CACHE, fixture, grain } from './fixtures.js';
import { PHOTO_H, PHOTO_W } from './photo-set.js';

const DIR = join(CACHE, 'gallery-v1');
const SOURCES = [
  'photos/alex_lacamoire1.jpg',
  'photos/obama_and_biden.jpg',
  'photos/two_people.jpg',
  'photos/kit_with_rose.jpg',
  'photos/johnsnow_test1.jpg',
  'photos/obama2.jpg',
];

export interface GallerySource {
  original: string;
  preview: string;
  thumb: string;
  width: number;
  height: number;
  bytes: { original: number; preview: number; thumb: number };
}

async function write(path: string, make: () => Promise<Buffer>) {
  if (existsSync(path) && statSync(path).size > 0) return;
  writeFileSync(path + '.partial', await make());
  renameSync(path + '.partial', path);
}

export async function gallerySources(): Promise<GallerySource[]> {
  mkdirSync(DIR, { recursive: true });
  const out: GallerySource[] = [];
  for (const [i, name] of SOURCES.entries()) {
    const base = join(DIR, String(i));
    const original = `${base}-original.jpg`;
    await write(original, async () => {
      const data = await sharp(fixture(name)).rotate().resize(PHOTO_W, PHOTO_H, { fit: 'cover' }).removeAlpha().raw().toBuffer();
      return sharp(data, { raw: { width: PHOTO_W, height: PHOTO_H, channels: 3 } })
        .composite([{ input: grain(PHOTO_W, PHOTO_H, 10, 101 + i), raw: { width: PHOTO_W, height: PHOTO_H, channels: 3 }, blend: 'overlay' }])
        .jpeg({ quality: 92 })
        .toBuffer();
    });
    const rendition = (max: number, quality: number) => () => sharp(original).resize(max, max, { fit: 'inside' }).jpeg({ quality }).toBuffer();
    await write(`${base}-preview.jpg`, rendition(1600, 82));
    await write(`${base}-thumb.jpg`, rendition(400, 78));
    const size = (p: string) => statSync(p).size;
    out.push({
      original,
      preview: `${base}-preview.jpg`,
      thumb: `${base}-thumb.jpg`,
      width: PHOTO_W,
      height: PHOTO_H,
      bytes: { original: size(original), preview: size(`${base}-preview.jpg`), thumb: size(`${base}-thumb.jpg`) },
    });
  }
  return out;
}
