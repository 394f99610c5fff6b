// Distinct photos made from the fixtures: each re-encoded as JPEG at its own quality, so that
// every file has its own hash (no duplicate is skipped) while showing the same faces.
import { basename } from 'node:path';
import sharp from 'sharp';
import { fixture, manifest } from '../../helpers/fixtures.js';

export async function distinctPhotos(count: number): Promise<{ name: string; bytes: Buffer; faces: string[] }[]> {
  const sources = Object.entries(manifest.photos);
  const out = [];
  for (let i = 0; i < count; i++) {
    const [rel, { faces }] = sources[i % sources.length]!;
    const bytes = await sharp(fixture(rel))
      .flatten({ background: '#fff' })
      .jpeg({ quality: 40 + (i % 55) + Math.floor(i / 55) })
      .toBuffer();
    out.push({ name: `${i}-${basename(rel).replace(/\.\w+$/, '')}.jpg`, bytes, faces });
  }
  return out;
}
