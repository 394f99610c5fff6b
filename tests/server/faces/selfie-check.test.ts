// The local selfie check on real pictures: SSD's boxes judged (one face, large enough, alone),
// then only the accepted face described. A crowd (a mosaic of many faces) is refused from its
// boxes; real selfies are accepted; photos of two people are refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalFaceModel, type LocalFaceModel } from '../../../server/faces/local-face-model.js';
import { SELFIE_DETECT_MAX, decodeRgb } from '../../../server/images/renditions.js';
import run from '../../../server/workers/image.worker.js';
import type { SelfieResult } from '../../../server/workers/image-tasks.js';
import { FIXTURES, manifest } from '../../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-selfiecheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCALE = join(FIXTURES, '..', 'scale');

async function mosaic(): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(SCALE, 'manifest.json'), 'utf8')) as { strangers: string[] };
  const cells = await Promise.all(manifest.strangers.slice(0, 16).map((rel) => sharp(join(SCALE, rel)).resize(200, 200).toBuffer()));
  const path = join(dir, 'mosaic.jpg');
  await sharp({ create: { width: 800, height: 800, channels: 3, background: '#777' } })
    .composite(cells.map((input, i) => ({ input, left: (i % 4) * 200, top: Math.floor(i / 4) * 200 })))
    .jpeg()
    .toFile(path);
  return path;
}

let model: LocalFaceModel;
beforeAll(async () => {
  model = await loadLocalFaceModel();
}, 60_000);

const check = (uploadPath: string, name: string) => run({ kind: 'selfie', uploadPath, outputPath: join(dir, `${name}.jpg`) }) as Promise<SelfieResult>;

describe('the selfie check', () => {
  it('refuses a mosaic of 16 faces as several faces', async () => {
    expect(await check(await mosaic(), 'mosaic')).toMatchObject({ accepted: false, reason: 'several_faces' });
  });

  it('accepts every fixture selfie with a 128-d descriptor, and refuses a two-person photo', async () => {
    for (const rel of Object.values(manifest.selfies)) {
      const r = await check(join(FIXTURES, rel), rel.replace(/\W/g, '_'));
      expect(r, rel).toMatchObject({ accepted: true });
      if (r.accepted) expect(r.descriptor, rel).toHaveLength(128);
    }
    expect(await check(join(FIXTURES, 'photos', 'two_people.jpg'), 'two')).toMatchObject({ accepted: false, reason: 'several_faces' });
  });

  it('refuses a picture without a face, and a face too small to describe well', async () => {
    const blank = join(dir, 'blank.jpg');
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a9' } })
      .jpeg()
      .toFile(blank);
    expect(await check(blank, 'blank')).toMatchObject({ accepted: false, reason: 'no_face' });
    // The selfie shrunk so that its face is about 40 px wide in the ≤800 px picture the check reads.
    const selfie = join(FIXTURES, 'selfies', 'obama.jpg');
    const img = await decodeRgb(selfie, SELFIE_DETECT_MAX);
    const [face] = await model.ssdBoxes(img, 512);
    const far = join(dir, 'far.jpg');
    const shrunk = await sharp(selfie)
      .resize(Math.round((img.width * 40) / face!.box.width))
      .toBuffer();
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a9' } })
      .composite([{ input: shrunk, left: 300, top: 200 }])
      .jpeg()
      .toFile(far);
    expect(await check(far, 'far')).toMatchObject({ accepted: false, reason: 'face_too_small' });
  });

  it('accepts a selfie with small faces behind the main one (only the main face is described)', async () => {
    const { strangers } = JSON.parse(readFileSync(join(SCALE, 'manifest.json'), 'utf8')) as { strangers: string[] };
    const background = await Promise.all(strangers.slice(20, 28).map((rel) => sharp(join(SCALE, rel)).resize(110, 110).toBuffer()));
    const main = await sharp(join(FIXTURES, 'selfies', 'obama.jpg'))
      .resize(420)
      .toBuffer();
    const path = join(dir, 'crowd-behind.jpg');
    await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#777' } })
      .composite([
        ...background.map((input, i) => ({ input, left: i < 4 ? 20 + i * 120 : 720 + (i - 4) * 120, top: i % 2 ? 40 : 700 })),
        { input: main, left: 390, top: 200 },
      ])
      .jpeg()
      .toFile(path);
    const r = await check(path, 'crowd-behind');
    expect(r).toMatchObject({ accepted: true });
  });
});
