// The shared face fixtures (../shared/fixtures/faces) and what the benchmark makes from them:
// phone-sized selfies (~3 MB JPEG, 12 MP), cached in bench/.cache/ (not committed).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { FIXTURES, fixture, manifest } from '../../tests/helpers/fixtures.js';
import { ROOT } from './child.js';

export { FIXTURES, fixture, manifest, type Manifest } from '../../tests/helpers/fixtures.js';
export const CACHE = join(ROOT, 'bench', '.cache');

/** File names of the fixture photos an attendee appears in (what their gallery must hold). */
export const expectedFixturePhotos = (attendee: string) =>
  Object.entries(manifest.photos)
    .filter(([, v]) => v.faces.includes(attendee))
    .map(([k]) => basename(k));

/**
 * Sensor-like grain (3 channels, mean 128) for an `overlay` blend: it makes JPEGs as large as
 * a camera's without hiding the faces. xorshift32, so the same seed gives the same bytes.
 */
export function grain(width: number, height: number, sigma: number, seed: number): Buffer {
  const n = width * height * 3;
  const buf = Buffer.allocUnsafe(n);
  let s = seed >>> 0 || 1;
  const k = (sigma * 2.45) / 255;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const v = 128 + ((s & 0xff) + ((s >>> 8) & 0xff) - 255) * k;
    buf[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return buf;
}

const PHONE_LONG = 4032;
const PHONE_SHORT = 3024;
export const SELFIE_GRAIN = 14;

/**
 * A fixture selfie as a phone camera takes it, unshrunk: a full 12 MP frame (4032 × 3024, in
 * the fixture's orientation) with the fixture upscaled into it, sensor-like grain, JPEG
 * quality 90 (about 3 MB). `mirrored` gives a second, slightly different face print.
 */
export async function phoneSelfie(attendee: string, mirrored = false): Promise<string> {
  const dir = join(CACHE, 'selfies-v2');
  const out = join(dir, `${attendee}${mirrored ? '-mirrored' : ''}.jpg`);
  if (existsSync(out) && statSync(out).size > 0) return out;
  mkdirSync(dir, { recursive: true });
  const src = sharp(fixture(manifest.selfies[attendee]!)).rotate();
  const meta = await sharp(fixture(manifest.selfies[attendee]!)).metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  const landscape = (swap ? meta.height : meta.width) > (swap ? meta.width : meta.height);
  const [width, height] = landscape ? [PHONE_LONG, PHONE_SHORT] : [PHONE_SHORT, PHONE_LONG];
  let img = src.resize(width, height, { fit: 'contain', background: { r: 96, g: 104, b: 112 } });
  if (mirrored) img = img.flop();
  const data = await img.removeAlpha().raw().toBuffer();
  const jpeg = await sharp(data, { raw: { width, height, channels: 3 } })
    .composite([{ input: grain(width, height, SELFIE_GRAIN, 11), raw: { width, height, channels: 3 }, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toBuffer();
  writeFileSync(out + '.partial', jpeg);
  renameSync(out + '.partial', out);
  return out;
}

/**
 * A fixture selfie as the phone app uploads it (renderer/attendee/shrink-image.ts): the 12 MP
 * frame shrunk to 1600 px on its long side, JPEG quality 85, no metadata (about 0.2 MB).
 */
export async function appSelfie(attendee: string): Promise<string> {
  const out = join(CACHE, 'selfies-v2', `${attendee}-app.jpg`);
  if (existsSync(out) && statSync(out).size > 0) return out;
  const jpeg = await sharp(await phoneSelfie(attendee))
    .rotate()
    .resize(1600, 1600, { fit: 'inside' })
    .jpeg({ quality: 85 })
    .toBuffer();
  writeFileSync(out + '.partial', jpeg);
  renameSync(out + '.partial', out);
  return out;
}

/** Every attendee's phone selfie, and its mirrored twin when `mirrored`. */
export async function phoneSelfies(mirrored: boolean): Promise<{ attendee: string; path: string; bytes: number }[]> {
  const out = [];
  for (const attendee of manifest.attendees) {
    for (const m of mirrored ? [false, true] : [false]) {
      const path = await phoneSelfie(attendee, m);
      out.push({ attendee, path, bytes: statSync(path).size });
    }
  }
  return out;
}

/**
 * One face per virtual attendee: FindMe holds a selfie whose face another attendee already
 * registered (one face, one account), so the load cannot hand a few faces round-robin. These
 * are the first photos of the large labelled set's people (../shared/fixtures/scale, LFW),
 * as the phone app uploads them: 1600 px JPEG (the crop's centre upscaled onto a grey frame,
 * with grain).
 */
export async function distinctPhoneSelfies(count: number): Promise<string[]> {
  const scale = join(FIXTURES, '..', 'scale');
  const people = Object.values((JSON.parse(readFileSync(join(scale, 'manifest.json'), 'utf8')) as { people: Record<string, string[]> }).people);
  const dir = join(CACHE, 'selfies-lfw-v2');
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const [i, paths] of people.slice(0, count).entries()) {
    const path = join(dir, `${String(i).padStart(3, '0')}.jpg`);
    if (!existsSync(path)) {
      const [w, h] = [1200, 1600];
      // The central 68 % of the 250 px crop: the face, without the edges where a second face
      // (a bystander's) shows in some LFW crops and makes FindMe reject the selfie.
      const src = join(scale, paths[0]!);
      const { width = 250, height = 250 } = await sharp(src).metadata();
      const side = Math.round(Math.min(width, height) * 0.68);
      const area = { left: Math.round((width - side) / 2), top: Math.round((height - side) / 2), width: side, height: side };
      const face = await sharp(src).extract(area).resize(1000, 1000, { kernel: 'lanczos3' }).toBuffer();
      const jpeg = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 96, g: 104, b: 112 } } })
        .composite([
          { input: face, left: 100, top: 300 },
          { input: grain(w, h, SELFIE_GRAIN, 11 + i), raw: { width: w, height: h, channels: 3 }, blend: 'overlay' },
        ])
        .jpeg({ quality: 88 })
        .toBuffer();
      writeFileSync(path + '.partial', jpeg);
      renameSync(path + '.partial', path);
    }
    out.push(path);
  }
  return out;
}
