// Runs in each image worker thread: decode, orient, resize, encode, find and describe faces.
// The face model is loaded once per thread and kept.
import sharp from 'sharp';
import { loadLocalFaceModel, type LocalFaceModel } from '../faces/local-face-model.js';
import { findPhotoFaces } from '../faces/photo-faces.js';
import { checkSelfie } from '../faces/selfie-check.js';
import {
  DETECT_MAX,
  FULL_RESOLUTION,
  SELFIE_DETECT_MAX,
  decodeRgb,
  encodeJpeg,
  writePhotoRenditions,
  writeSelfie,
  type RawImage,
} from '../images/renditions.js';
import type { ImageTask, PhotoResult, PhotoTask, SelfieImageResult, SelfieImageTask, SelfieResult, SelfieTask, UnreadableResult } from './image-tasks.js';

// One libvips thread per worker: the pool size alone decides how many cores image work uses.
sharp.concurrency(1);
sharp.cache(false);

let detector: Promise<LocalFaceModel> | undefined;
const getDetector = () =>
  (detector ??= loadLocalFaceModel().then((model) => {
    // Once per thread, on the process's stderr (the terminal, or Electron's log): a fallback is 3.5–4× slower.
    if (model.runtime.fallbackReason) console.warn(`FindMe: face nets on TensorFlow.js (WebAssembly), not ONNX Runtime: ${model.runtime.fallbackReason}`);
    return model;
  }));

class Unreadable extends Error {}

async function decode(path: string, max: number): Promise<RawImage> {
  try {
    return await decodeRgb(path, max);
  } catch (err) {
    throw new Unreadable(`unreadable_image: ${(err as Error).message}`, { cause: err });
  }
}

async function photo(task: PhotoTask): Promise<PhotoResult | UnreadableResult> {
  try {
    return await photoOf(task);
  } catch (err) {
    if (err instanceof Unreadable) return { kind: 'unreadable', reason: err.message };
    throw err;
  }
}

async function photoOf(task: PhotoTask): Promise<PhotoResult> {
  const t0 = performance.now();
  const img = await decode(task.originalPath, DETECT_MAX);
  const t1 = performance.now();
  // Without detection (Rekognition finds the faces) the model is never loaded in this thread.
  const found = task.detectFaces === false ? [] : await findPhotoFaces(await getDetector(), img, () => decode(task.originalPath, FULL_RESOLUTION));
  const t2 = performance.now();
  await writePhotoRenditions(img, task.previewPath, task.thumbPath);
  const t3 = performance.now();
  return {
    kind: 'photo',
    width: img.originalWidth,
    height: img.originalHeight,
    faces: found.map((f) => ({ score: f.score, descriptor: f.descriptor, box: f.box })),
    timings: { decodeMs: t1 - t0, facesMs: t2 - t1, encodeMs: t3 - t2 },
  };
}

async function selfie(task: SelfieTask): Promise<SelfieResult> {
  const t0 = performance.now();
  let img: RawImage;
  try {
    img = await decodeRgb(task.uploadPath, SELFIE_DETECT_MAX);
  } catch {
    return { kind: 'selfie', accepted: false, reason: 'unreadable_image', timings: { decodeMs: performance.now() - t0, facesMs: 0, encodeMs: 0 } };
  }
  const t1 = performance.now();
  const verdict = await checkSelfie(await getDetector(), img);
  const t2 = performance.now();
  await writeSelfie(img, task.outputPath);
  const timings = { decodeMs: t1 - t0, facesMs: t2 - t1, encodeMs: performance.now() - t2 };
  return verdict.accepted
    ? { kind: 'selfie', accepted: true, descriptor: verdict.face.descriptor, timings }
    : { kind: 'selfie', accepted: false, reason: verdict.reason, timings };
}

/** The selfie for Rekognition: stored as usual, and sent as the ≤800 px JPEG the local detector would have read. */
async function selfieImage(task: SelfieImageTask): Promise<SelfieImageResult> {
  const t0 = performance.now();
  let img: RawImage;
  try {
    img = await decodeRgb(task.uploadPath, SELFIE_DETECT_MAX);
  } catch {
    return { kind: 'selfie-image', readable: false, timings: { decodeMs: performance.now() - t0, facesMs: 0, encodeMs: 0 } };
  }
  const t1 = performance.now();
  const [jpeg] = await Promise.all([encodeJpeg(img, SELFIE_DETECT_MAX, 90), writeSelfie(img, task.outputPath)]);
  return {
    kind: 'selfie-image',
    readable: true,
    jpeg,
    width: img.width,
    height: img.height,
    timings: { decodeMs: t1 - t0, facesMs: 0, encodeMs: performance.now() - t1 },
  };
}

export default async function run(task: ImageTask): Promise<PhotoResult | UnreadableResult | SelfieResult | SelfieImageResult> {
  if (task.kind === 'photo') return photo(task);
  return task.kind === 'selfie' ? selfie(task) : selfieImage(task);
}
