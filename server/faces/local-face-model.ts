// The local, offline face models, loaded once per worker thread: @vladmandic/face-api's SSD
// MobileNet v1 detector, 68-point landmarks and dlib-style ResNet 128-d descriptor, and BlazeFace
// full-range (resources/models/). All four run on ONNX Runtime (written into ONNX graphs from
// their weights at load), or on TensorFlow.js' WebAssembly backend where ONNX Runtime cannot load.
// face-api still cuts and aligns the face crops (TensorFlow.js). Weights, .wasm files and native
// libraries load from disk: no network, ever.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unpackedPath } from '../util/worker-file.js';
import { blazeDetect, loadBlazeface, tfjsBlazeForward } from './blazeface.js';
import { onnxBlazeForward } from './blazeface-onnx.js';
import { onnxDescribeNets, type DescribeNets, type FaceApiInputs, type LandmarkParams, type RecognitionParams } from './describe-onnx.js';
import type { ScoredBox } from './face-boxes.js';
import { SSD_TRAINED_SIZE, createSsdNet, type FaceApiSsdParams } from './ssd-mobilenet.js';
import { loadOnnxRuntime } from './onnx-runtime.js';
import { onnxSsdForward } from './ssd-onnx.js';
import { tfjsSsdForward } from './ssd-tfjs.js';
import { MIN_FACE_SCORE, type DetectedFace, type FaceBox, type FaceDetector } from './face-engine.js';

const require = createRequire(import.meta.url);

type Tf = typeof import('@tensorflow/tfjs');
type Tensor3D = import('@tensorflow/tfjs').Tensor3D;
interface Landmarks {
  shiftBy(x: number, y: number): Landmarks;
  align(box: null, o: { useDlibAlignment: boolean }): FaceBox;
}
interface Point {
  x: number;
  y: number;
}
// face-api's node-wasm build has no typed export path that fits NodeNext; we use a narrow view of it.
interface FaceApi {
  nets: {
    ssdMobilenetv1: { loadFromDisk(dir: string): Promise<void>; params: FaceApiSsdParams; dispose(): void };
    faceLandmark68Net: {
      loadFromDisk(dir: string): Promise<void>;
      detectLandmarks(face: Tensor3D): Promise<Landmarks>;
      params: Pick<LandmarkParams, 'fc'>;
      faceFeatureExtractor: { params: LandmarkParams['extractor'] };
      dispose(): void;
    };
    faceRecognitionNet: {
      loadFromDisk(dir: string): Promise<void>;
      computeFaceDescriptor(face: Tensor3D): Promise<Float32Array>;
      params: RecognitionParams;
      dispose(): void;
    };
  };
  Point: new (x: number, y: number) => Point;
  FaceLandmarks68: new (relative: Point[], dims: { width: number; height: number }) => Landmarks;
  toNetInput: FaceApiInputs['toNetInput'];
  Rect: new (x: number, y: number, w: number, h: number) => FaceBox & { clipAtImageBorders(w: number, h: number): FaceBox };
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => unknown;
  extractFaceTensors(input: Tensor3D, boxes: FaceBox[]): Promise<Tensor3D[]>;
  detectAllFaces(
    input: unknown,
    options: unknown,
  ): Promise<{ box: FaceBox; score: number }[]> & {
    withFaceLandmarks(): { withFaceDescriptors(): Promise<{ detection: { box: FaceBox; score: number }; descriptor: Float32Array }[]> };
  };
}

export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface DescribeOptions {
  /** The mean of the face's and its mirror image's descriptors (each scaled to length 1). */
  flip?: boolean;
  /**
   * Landmarks placed as face-api's own pipeline places them: shifted by the detector's unrounded
   * box, not by the whole-pixel crop they were read from (up to a pixel apart). The selfie check
   * keeps this, so its descriptors stay those the decision rule was measured with.
   */
  asFaceApi?: boolean;
}

/** Where the face nets run: ONNX Runtime (native) where it loads, else TensorFlow.js' WebAssembly backend. */
export type FaceRuntime = 'onnxruntime' | 'tfjs-wasm';

export interface LocalFaceModel extends FaceDetector {
  /** Where this thread's face nets run, and why the fallback when it is the fallback. */
  runtime: { name: FaceRuntime; fallbackReason?: string };
  /**
   * SSD MobileNet v1 boxes: it looks at the whole image padded to a square and resized to
   * `inputSize` (the size it was trained at, 512, unless a cheaper look will do).
   */
  ssdBoxes(img: RgbImage, inputSize?: number): Promise<ScoredBox[]>;
  /** BlazeFace boxes (SSD's convention) on an image of any size. */
  findBoxes(img: RgbImage, minScore: number): Promise<ScoredBox[]>;
  /**
   * Landmarks, dlib alignment and the 128-d descriptor of the face in `box`, read from `img`'s
   * pixels (only the face and a margin become a tensor).
   */
  describe(img: RgbImage, box: FaceBox, opts?: DescribeOptions): Promise<Float32Array | null>;
}

export function modelDirectory(): string {
  return unpackedPath(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'));
}

export interface LoadOptions {
  /**
   * Keep face-api's own pipeline (`detect`: engine v1, the evaluation's and the benchmark's
   * baseline, the Rekognition stand-in). Without it, on ONNX Runtime, face-api's copies of the
   * weights are freed once the ONNX sessions hold theirs (46 MB of WebAssembly heap a
   * thread, which BlazeFace then reuses).
   */
  faceApiPipeline?: boolean;
}

export async function loadLocalFaceModel(load: LoadOptions = {}): Promise<LocalFaceModel> {
  const tf = require('@tensorflow/tfjs') as Tf;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void };
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  wasm.setWasmPaths(unpackedPath(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')) + '/');
  await tf.setBackend('wasm');
  await tf.ready();
  tf.enableProdMode();
  const dir = modelDirectory();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(dir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
  const params = faceapi.nets.ssdMobilenetv1.params;
  const onnx = process.env.FINDME_FACE_RUNTIME === 'tfjs' ? { error: 'FINDME_FACE_RUNTIME=tfjs' } : loadOnnxRuntime();
  const ort = 'ort' in onnx ? onnx.ort : null;
  const runtime: LocalFaceModel['runtime'] = 'ort' in onnx ? { name: 'onnxruntime' } : { name: 'tfjs-wasm', fallbackReason: onnx.error };
  const ssd = createSsdNet(ort ? await onnxSsdForward(ort, tf, params) : tfjsSsdForward(tf, params));
  const lm = faceapi.nets.faceLandmark68Net;
  const nets: DescribeNets = ort
    ? await onnxDescribeNets(ort, faceapi, { fc: lm.params.fc, extractor: lm.faceFeatureExtractor.params }, faceapi.nets.faceRecognitionNet.params)
    : tfjsDescribeNets(faceapi);
  const blaze = ort ? await onnxBlazeForward(ort) : tfjsBlazeForward(tf, await loadBlazeface(tf));
  const faceApiKept = load.faceApiPipeline || !ort;
  if (!faceApiKept) for (const net of [faceapi.nets.ssdMobilenetv1, lm, faceapi.nets.faceRecognitionNet]) net.dispose();
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_FACE_SCORE, maxResults: 200 });

  return {
    runtime,

    /** face-api's own pipeline (SSD at 512, landmarks, descriptors): engine v1, kept as the evaluation's baseline. */
    async detect(rgb, width, height): Promise<DetectedFace[]> {
      if (!faceApiKept) throw new Error("face-api's pipeline was not kept: loadLocalFaceModel({ faceApiPipeline: true })");
      const input = tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        const found = await faceapi.detectAllFaces(input, options).withFaceLandmarks().withFaceDescriptors();
        return found.map((f) => ({
          box: { x: f.detection.box.x, y: f.detection.box.y, width: f.detection.box.width, height: f.detection.box.height },
          score: f.detection.score,
          descriptor: f.descriptor,
        }));
      } finally {
        input.dispose();
      }
    },

    ssdBoxes: (img, inputSize = SSD_TRAINED_SIZE) => ssd.detect(img, { inputSize, minScore: MIN_FACE_SCORE, maxResults: 200 }),

    findBoxes: (img, minScore) => blazeDetect(blaze, img.data, img.width, img.height, minScore),

    async describe(img, box, opts = {}) {
      // Only the face and a margin become a tensor, never the whole (perhaps 24 MP) image.
      const m = box.width * 0.5;
      const left = Math.max(0, Math.floor(box.x - m));
      const top = Math.max(0, Math.floor(box.y - m));
      const cw = Math.min(img.width - left, Math.ceil(box.width + 2 * m));
      const ch = Math.min(img.height - top, Math.ceil(box.height + 2 * m));
      if (cw < 12 || ch < 12) return null;
      const crop = new Uint8Array(cw * ch * 3);
      for (let y = 0; y < ch; y++) crop.set(img.data.subarray(((top + y) * img.width + left) * 3, ((top + y) * img.width + left + cw) * 3), y * cw * 3);
      const input = tf.tensor3d(crop, [ch, cw, 3], 'int32');
      const rect = new faceapi.Rect(box.x - left, box.y - top, box.width, box.height).clipAtImageBorders(cw, ch);
      const held: Tensor3D[] = [];
      try {
        const [face] = await faceapi.extractFaceTensors(input, [rect]);
        held.push(face!);
        // As face-api's own pipeline: landmarks on the box, then dlib's alignment, then the descriptor.
        const found = await nets.landmarks(face!);
        const landmarks = new faceapi.FaceLandmarks68(
          found.relative.map((p) => new faceapi.Point(p.x, p.y)),
          found,
        ).shiftBy(opts.asFaceApi ? box.x - left : rect.x, opts.asFaceApi ? box.y - top : rect.y);
        const [aligned] = await faceapi.extractFaceTensors(input, [landmarks.align(null, { useDlibAlignment: true })]);
        held.push(aligned!);
        const d = await nets.descriptor(aligned!);
        if (!opts.flip) return d;
        const mirrored = tf.reverse(aligned!, 1) as Tensor3D;
        held.push(mirrored);
        return meanOfUnit(d, await nets.descriptor(mirrored));
      } finally {
        for (const t of held) t.dispose();
        input.dispose();
      }
    },
  };
}

/** The mean of two descriptors once each is scaled to length 1. */
function meanOfUnit(a: Float32Array, b: Float32Array): Float32Array {
  const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  const [na, nb] = [norm(a), norm(b)];
  return a.map((x, i) => (x / na + b[i]! / nb) / 2);
}

/** The describing nets through face-api itself (TensorFlow.js), where ONNX Runtime cannot load. */
function tfjsDescribeNets(faceapi: FaceApi): DescribeNets {
  return {
    async landmarks(face) {
      const l = (await faceapi.nets.faceLandmark68Net.detectLandmarks(face)) as unknown as {
        relativePositions: Point[];
        imageWidth: number;
        imageHeight: number;
      };
      return { relative: l.relativePositions, width: l.imageWidth, height: l.imageHeight };
    },
    descriptor: (face) => faceapi.nets.faceRecognitionNet.computeFaceDescriptor(face),
  };
}
