// face-api's landmark and descriptor nets written into ONNX graphs (server/faces/describe-onnx.ts)
// give face-api's own outputs, on every face of the real fixtures: the same 68 points (to a
// hundredth of a pixel) and the same 128-d descriptor (to 1e-4, against 0.355 for a match).
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { onnxDescribeNets, type DescribeNets, type FaceApiInputs, type LandmarkParams, type RecognitionParams } from '../../../server/faces/describe-onnx.js';
import { loadLocalFaceModel, type LocalFaceModel } from '../../../server/faces/local-face-model.js';
import { DETECT_MAX, decodeRgb } from '../../../server/images/renditions.js';
import { fixture, manifest } from '../../helpers/fixtures.js';

const require = createRequire(import.meta.url);
type Tensor3D = import('@tensorflow/tfjs').Tensor3D;
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface FaceApiView extends FaceApiInputs {
  Rect: new (x: number, y: number, w: number, h: number) => Box;
  extractFaceTensors(input: Tensor3D, boxes: Box[]): Promise<Tensor3D[]>;
  nets: {
    faceLandmark68Net: {
      detectLandmarks(face: Tensor3D): Promise<{ positions: { x: number; y: number }[] }>;
      params: Pick<LandmarkParams, 'fc'>;
      faceFeatureExtractor: { params: LandmarkParams['extractor'] };
    };
    faceRecognitionNet: { computeFaceDescriptor(face: Tensor3D): Promise<Float32Array>; params: RecognitionParams };
  };
}

let model: LocalFaceModel;
let faceapi: FaceApiView;
let tf: typeof import('@tensorflow/tfjs');
let nets: DescribeNets;
beforeAll(async () => {
  model = await loadLocalFaceModel({ faceApiPipeline: true });
  faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiView;
  tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  const lm = faceapi.nets.faceLandmark68Net;
  nets = await onnxDescribeNets(ort, faceapi, { fc: lm.params.fc, extractor: lm.faceFeatureExtractor.params }, faceapi.nets.faceRecognitionNet.params);
}, 60_000);

describe("face-api's describing nets on ONNX Runtime", () => {
  it("give face-api's landmarks and descriptors on every face of the fixture photos", async () => {
    let faces = 0;
    for (const rel of Object.keys(manifest.photos)) {
      const img = await decodeRgb(fixture(rel), DETECT_MAX);
      const input = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
      try {
        for (const { box } of await model.ssdBoxes(img)) {
          const [face] = await faceapi.extractFaceTensors(input, [new faceapi.Rect(box.x, box.y, box.width, box.height)]);
          const theirs = await faceapi.nets.faceLandmark68Net.detectLandmarks(face!);
          const ours = await nets.landmarks(face!);
          expect(ours.relative).toHaveLength(68);
          ours.relative.forEach((p, i) => {
            expect(Math.abs(p.x * ours.width - theirs.positions[i]!.x), `${rel} point ${i}`).toBeLessThan(0.01);
            expect(Math.abs(p.y * ours.height - theirs.positions[i]!.y), `${rel} point ${i}`).toBeLessThan(0.01);
          });
          const d = await nets.descriptor(face!);
          const e = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(face!);
          expect(d).toHaveLength(128);
          expect(Math.max(...d.map((v, i) => Math.abs(v - e[i]!))), rel).toBeLessThan(1e-4);
          face!.dispose();
          faces++;
        }
      } finally {
        input.dispose();
      }
    }
    expect(faces).toBeGreaterThanOrEqual(16);
  }, 120_000);

  it('describes a face with no pixels as zeros, as face-api does', async () => {
    const empty = tf.zeros([0, 10, 3]) as Tensor3D;
    expect(Array.from(await nets.descriptor(empty))).toEqual(new Array(128).fill(0));
    empty.dispose();
  });
});
