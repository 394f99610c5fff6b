// The stand-in's eyes: the repository's own local face model (the same weights the local
// engine uses), run in this process on the image bytes a request carries.
import type { FaceDetector } from '../../../server/faces/face-engine.js';
import { loadLocalFaceModel } from '../../../server/faces/local-face-model.js';
import { decodeRgb } from '../../../server/images/renditions.js';

export interface SeenFace {
  /** Fractions of the image's width and height, like Rekognition's BoundingBox. */
  box: { left: number; top: number; width: number; height: number };
  confidence: number;
  descriptor: Float32Array;
}

let model: Promise<FaceDetector> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Throws 'unreadable' when the bytes are no image. One detection at a time (one wasm instance). */
export async function detectFaces(bytes: Buffer): Promise<SeenFace[]> {
  const run = queue.then(async () => {
    let img;
    try {
      img = await decodeRgb(bytes, 4096);
    } catch {
      throw new Error('unreadable');
    }
    const faces = await (await (model ??= loadLocalFaceModel({ faceApiPipeline: true }))).detect(img.data, img.width, img.height);
    return faces.map((f) => ({
      box: { left: f.box.x / img.width, top: f.box.y / img.height, width: f.box.width / img.width, height: f.box.height / img.height },
      confidence: f.score * 100,
      descriptor: f.descriptor,
    }));
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Loads the model ahead of the first request. */
export async function warmUpDetector(): Promise<void> {
  await (model ??= loadLocalFaceModel({ faceApiPipeline: true }));
}

/**
 * Rekognition-style similarity (0..100) from descriptor distance: monotone, 100 at distance 0,
 * and 95 at 0.55, the local engine's threshold, so that FindMe's default FaceMatchThreshold of
 * 95 accepts exactly the pairs the local engine accepts (the fixtures: same person ≤ 0.49,
 * strangers ≥ 0.71).
 */
export function similarity(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.max(0, Math.min(100, 100 - Math.sqrt(sum) * (5 / 0.55)));
}
