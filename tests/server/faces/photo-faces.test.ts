// The faces of a 24 MP photo too small for SSD (about 90 px in a 6000 px frame: 24 px in the
// rendition SSD reads) are found by the BlazeFace pass, each once, and described from the
// original's pixels. A real 24 MP frame, real faces (LFW crops), the real models.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalFaceModel, type LocalFaceModel } from '../../../server/faces/local-face-model.js';
import { findPhotoFaces } from '../../../server/faces/photo-faces.js';
import { DETECT_MAX, FULL_RESOLUTION, decodeRgb } from '../../../server/images/renditions.js';
import { FIXTURES } from '../../helpers/fixtures.js';

const SCALE = join(FIXTURES, '..', 'scale');
const dir = mkdtempSync(join(tmpdir(), 'findme-photofaces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [W, H] = [6000, 4000];
const rows = [300, 1000, 1700, 2400, 3100, 3700];
const CROP = 200; // an LFW crop of 200 px holds a face of about 90 px

let model: LocalFaceModel;
let frame: string;
let placed: { x: number; y: number }[];
beforeAll(async () => {
  model = await loadLocalFaceModel();
  const { strangers } = JSON.parse(readFileSync(join(SCALE, 'manifest.json'), 'utf8')) as { strangers: string[] };
  placed = rows.map((y, i) => ({ x: 500 + i * 900, y }));
  const faces = await Promise.all(
    placed.map(async (p, i) => ({ input: await sharp(join(SCALE, strangers[i]!)).resize(CROP, CROP).toBuffer(), left: p.x - CROP / 2, top: p.y - CROP / 2 })),
  );
  frame = join(dir, 'frame.jpg');
  await sharp({ create: { width: W, height: H, channels: 3, background: '#7a8c84' } })
    .composite(faces)
    .jpeg({ quality: 90 })
    .toFile(frame);
}, 60_000);

describe('the small faces of a 24 MP photo', () => {
  it('finds each face once and describes it', async () => {
    const img = await decodeRgb(frame, DETECT_MAX);
    const faces = await findPhotoFaces(model, img, () => decodeRgb(frame, FULL_RESOLUTION));
    for (const p of placed) {
      const near = faces.filter((f) => Math.hypot(f.box.x + f.box.width / 2 - p.x, f.box.y + f.box.height / 2 - p.y) < CROP / 2);
      expect(near, `face at row ${p.y}`).toHaveLength(1);
      expect(near[0]!.descriptor).toHaveLength(128);
    }
    expect(faces).toHaveLength(placed.length);
  }, 60_000);
});
