// FindMe's own run of SSD MobileNet v1 (server/faces/ssd-mobilenet.ts) against face-api's, on
// the real fixtures: the anchors it generates are the ones the weights ship with, at 512 px it
// finds face-api's boxes, at the selfie check's smaller square it frames a selfie's face as it
// does at 512, close-ups included, and its two runtimes (ONNX Runtime, in use here, and
// TensorFlow.js' WebAssembly fallback) give the same boxes from the same input.
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocalFaceModel, type LocalFaceModel } from '../../../server/faces/local-face-model.js';
import { SELFIE_SSD_INPUT } from '../../../server/faces/selfie-check.js';
import { anchorsFor, createSsdNet, type FaceApiSsdParams } from '../../../server/faces/ssd-mobilenet.js';
import { ssdInput } from '../../../server/faces/ssd-onnx.js';
import { tfjsSsdForward } from '../../../server/faces/ssd-tfjs.js';
import { DETECT_MAX, SELFIE_DETECT_MAX, decodeRgb } from '../../../server/images/renditions.js';
import { fixture, manifest } from '../../helpers/fixtures.js';

const require = createRequire(import.meta.url);
type Box = { x: number; y: number; width: number; height: number };
interface FaceApiView {
  detectAllFaces(input: unknown, o: unknown): Promise<{ box: Box; score: number }[]>;
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => unknown;
  nets: { ssdMobilenetv1: { params: FaceApiSsdParams & { output_layer: { extra_dim: { dataSync(): Float32Array } } } } };
}

let model: LocalFaceModel;
let faceapi: FaceApiView;
let tf: typeof import('@tensorflow/tfjs');
beforeAll(async () => {
  model = await loadLocalFaceModel({ faceApiPipeline: true });
  faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiView;
  tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
}, 60_000);

const centre = (b: Box) => [b.x + b.width / 2, b.y + b.height / 2] as const;

describe('SSD MobileNet v1 run by FindMe', () => {
  it("generates, for the 512 px grid, the 5,118 anchors face-api's weights ship with", () => {
    const shipped = faceapi.nets.ssdMobilenetv1.params.output_layer.extra_dim.dataSync();
    const grids = [32, 16, 8, 4, 2, 1];
    const ours = grids.flatMap((g, head) => Array.from(anchorsFor(head, g, g)));
    expect(ours).toHaveLength(shipped.length);
    const worst = ours.reduce((m, v, i) => Math.max(m, Math.abs(v - shipped[i]!)), 0);
    expect(worst).toBeLessThan(1e-4);
  });

  it("finds face-api's boxes at 512 px on every fixture photo", async () => {
    const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 200 });
    for (const rel of Object.keys(manifest.photos)) {
      const img = await decodeRgb(fixture(rel), DETECT_MAX);
      const input = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
      const theirs = (await faceapi.detectAllFaces(input, options)).sort((a, b) => b.score - a.score);
      input.dispose();
      const ours = await model.ssdBoxes(img);
      expect(ours.length, rel).toBe(theirs.length);
      ours.forEach((o, i) => {
        const t = theirs[i]!;
        expect(Math.abs(o.score - t.score), rel).toBeLessThan(1e-3);
        // face-api maps back through a rounded size (up to 0.2 % off along the short side).
        const tol = Math.max(1, 0.005 * Math.max(img.width, img.height));
        for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(o.box[k] - t.box[k]), `${rel} ${k}`).toBeLessThan(tol);
      });
    }
  }, 120_000);

  it(`frames each fixture selfie's face at ${SELFIE_SSD_INPUT} px as at 512 px, close-ups too`, async () => {
    for (const rel of Object.values(manifest.selfies)) {
      const original = await decodeRgb(fixture(rel), 4000);
      const [face] = await model.ssdBoxes(original, 512);
      // The selfie as sent, and close-ups where the face fills 60 % and 90 % of the frame's width.
      const views = [await decodeRgb(fixture(rel), SELFIE_DETECT_MAX)];
      for (const share of [0.6, 0.9]) {
        const side = Math.round(face!.box.width / share);
        const left = Math.max(0, Math.round(face!.box.x + face!.box.width / 2 - side / 2));
        const top = Math.max(0, Math.round(face!.box.y + face!.box.height / 2 - side * 0.6));
        const [width, height] = [Math.min(side, original.width - left), Math.min(Math.round((side * 4) / 3), original.height - top)];
        const raw = { width: original.width, height: original.height, channels: 3 as const };
        const jpeg = await sharp(original.data, { raw }).extract({ left, top, width, height }).jpeg().toBuffer();
        views.push(await decodeRgb(jpeg, SELFIE_DETECT_MAX));
      }
      for (const img of views) {
        const [full] = await model.ssdBoxes(img, 512);
        const small = await model.ssdBoxes(img, SELFIE_SSD_INPUT);
        const what = `${rel} ${img.width}×${img.height}`;
        expect(small, what).toHaveLength(1);
        const [a, b] = [full!.box, small[0]!.box];
        const [ax, ay] = centre(a);
        const [bx, by] = centre(b);
        expect(Math.hypot(ax - bx, ay - by) / a.width, what).toBeLessThan(0.15);
        expect(Math.abs(b.width / a.width - 1), what).toBeLessThan(0.15);
      }
    }
  }, 120_000);

  it('runs on ONNX Runtime here, and gives the boxes TensorFlow.js gives, photos and selfies', async () => {
    expect(model.runtime).toEqual({ name: 'onnxruntime' });
    const wasm = createSsdNet(tfjsSsdForward(tf, faceapi.nets.ssdMobilenetv1.params));
    const cases = [
      ...Object.keys(manifest.photos).map((rel) => ({ rel, max: DETECT_MAX, size: 512 })),
      ...Object.values(manifest.selfies).map((rel) => ({ rel, max: SELFIE_DETECT_MAX, size: SELFIE_SSD_INPUT })),
    ];
    let faces = 0;
    for (const { rel, max, size } of cases) {
      const img = await decodeRgb(fixture(rel), max);
      const ours = await model.ssdBoxes(img, size);
      const theirs = await wasm.detect(img, { inputSize: size, minScore: 0.5, maxResults: 200 });
      expect(ours.length, rel).toBe(theirs.length);
      ours.forEach((o, i) => {
        expect(Math.abs(o.score - theirs[i]!.score), rel).toBeLessThan(1e-4);
        for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(o.box[k] - theirs[i]!.box[k]), `${rel} ${k}`).toBeLessThan(0.05);
      });
      faces += ours.length;
    }
    expect(faces).toBeGreaterThan(cases.length);
  }, 120_000);

  it("prepares the input as TensorFlow.js prepares face-api's: padded to a square, resized bilinearly, -1..1", () => {
    const [width, height, size] = [37, 23, 16];
    const data = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 256);
    const ours = new Float32Array(3 * size * size);
    ssdInput({ data, width, height }, size, ours);
    const expected = tf.tidy(() => {
      const square = tf.pad(tf.tensor3d(data, [height, width, 3], 'float32'), [
        [0, width - height],
        [0, 0],
        [0, 0],
      ]);
      const sized = tf.image.resizeBilinear(square as import('@tensorflow/tfjs').Tensor3D, [size, size]);
      return tf.transpose(tf.sub(tf.div(sized, 127.5), 1), [2, 0, 1]).dataSync();
    });
    const worst = ours.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0);
    expect(worst).toBeLessThan(1e-5);
  });
});
