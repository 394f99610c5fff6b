// The local, offline face engine: @vladmandic/face-api (SSD MobileNet v1 detector, 68-point
// landmarks, ResNet 128-d descriptor) on TensorFlow.js' WebAssembly backend. The weights and
// the .wasm files ship inside their npm packages and load from disk: no network, ever.
// Loaded once per worker thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unpackedPath } from '../util/worker-file.js';
import { MIN_FACE_SCORE, type DetectedFace, type FaceDetector } from './face-engine.js';

const require = createRequire(import.meta.url);

type Tf = typeof import('@tensorflow/tfjs');
// face-api's node-wasm build has no typed export path that fits NodeNext; we use a narrow view of it.
interface FaceApi {
  nets: Record<'ssdMobilenetv1' | 'faceLandmark68Net' | 'faceRecognitionNet', { loadFromDisk(dir: string): Promise<void> }>;
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => unknown;
  detectAllFaces(input: unknown, options: unknown): {
    withFaceLandmarks(): { withFaceDescriptors(): Promise<{ detection: { box: { x: number; y: number; width: number; height: number }; score: number }; descriptor: Float32Array }[]> };
  };
}

export function modelDirectory(): string {
  return unpackedPath(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'));
}

export async function loadLocalFaceModel(): Promise<FaceDetector> {
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
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_FACE_SCORE, maxResults: 200 });

  return {
    async detect(rgb, width, height): Promise<DetectedFace[]> {
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
  };
}
