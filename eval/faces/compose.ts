// Renders the planned group photos to JPEG files (cached: a frame is drawn once per plan).
// Background: a soft colour gradient under camera-like grain, so the detector sees texture,
// not a flat card; faces are the LFW crops resized to their planned size.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { grain } from '../../bench/lib/fixtures.js';
import { SCALE_DIR, type FrameSpec } from './dataset.js';

async function background(spec: FrameSpec): Promise<Buffer> {
  const hue = (spec.seed * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},25%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 140) % 360},20%,35%)"/>
    </linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const noise = grain(spec.width, spec.height, 10, spec.seed);
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, raw: { width: spec.width, height: spec.height, channels: 3 }, blend: 'overlay' }])
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** The frame's JPEG path, drawing it first if the cache does not have it. */
export async function renderFrame(spec: FrameSpec, cacheDir: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `${spec.id}.jpg`);
  if (existsSync(path)) return path;
  const faces = await Promise.all(
    spec.faces.map(async (f) => ({
      input: await sharp(join(SCALE_DIR, f.crop.path)).resize(f.size, f.size, { kernel: 'lanczos3' }).toBuffer(),
      left: f.x,
      top: f.y,
    })),
  );
  const bg = await background(spec);
  await sharp(bg, { raw: { width: spec.width, height: spec.height, channels: 3 } })
    .composite(faces)
    .jpeg({ quality: 90 })
    .toFile(`${path}.partial`);
  renameSync(`${path}.partial`, path);
  return path;
}
