// Runs in the evaluation's worker threads: the product's own face code on an LFW crop (as a
// selfie) or on a composed group photo (as an event photo), for one engine profile.
import sharp from 'sharp';
import type { DetectedFace } from '../../server/faces/face-engine.js';
import { judgeSelfie } from '../../server/faces/selfie-check.js';
import { DETECT_MAX, SELFIE_DETECT_MAX, decodeRgb } from '../../server/images/renditions.js';
import { loadEngine, type EngineId } from './engines.js';

sharp.concurrency(1);
sharp.cache(false);

export interface CropTask {
  kind: 'crop';
  engine: EngineId;
  path: string;
}
export interface FrameTask {
  kind: 'frame';
  engine: EngineId;
  path: string;
}
export interface FaceOut {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  descriptor: Float32Array;
}
export interface CropResult {
  /** The selfie check's verdict on the crop as it is, then (if refused) on the crop padded: a retake. */
  verdict: string;
  retake: boolean;
  /** The accepted face, or for pair statistics the face nearest the centre of the first attempt that found one. */
  face: FaceOut | null;
  ms: number;
}
export interface FrameResult {
  faces: FaceOut[];
  ms: number;
}

const engines = new Map<EngineId, ReturnType<typeof loadEngine>>();
const engine = (id: EngineId) => engines.get(id) ?? engines.set(id, loadEngine(id)).get(id)!;

const plain = (f: DetectedFace): FaceOut => ({ box: f.box, score: f.score, descriptor: f.descriptor });

function nearestCentre(faces: DetectedFace[], w: number, h: number): DetectedFace | null {
  let best: DetectedFace | null = null;
  let bestD = Infinity;
  for (const f of faces) {
    const d = Math.hypot(f.box.x + f.box.width / 2 - w / 2, f.box.y + f.box.height / 2 - h / 2);
    if (d < bestD) [best, bestD] = [f, d];
  }
  return best;
}

async function crop(task: CropTask): Promise<CropResult> {
  const t0 = performance.now();
  const eng = await engine(task.engine);
  const asIs = await decodeRgb(task.path, SELFIE_DETECT_MAX);
  const first = await eng.detectSelfie(asIs);
  const v1 = judgeSelfie(first);
  if (v1.accepted) return { verdict: 'accepted', retake: false, face: plain(v1.face), ms: performance.now() - t0 };
  // A retake: the same face with more background around it (LFW crops are tight).
  const pad = Math.round(asIs.width / 2);
  const padded = await sharp(task.path).extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#808080' }).jpeg({ quality: 92 }).toBuffer();
  const img = await decodeRgb(padded, SELFIE_DETECT_MAX);
  const second = await eng.detectSelfie(img);
  const v2 = judgeSelfie(second);
  const fallback = first.length ? nearestCentre(first, asIs.width, asIs.height) : nearestCentre(second, img.width, img.height);
  return {
    verdict: v2.accepted ? 'accepted' : v2.reason,
    retake: true,
    face: v2.accepted ? plain(v2.face) : fallback ? plain(fallback) : null,
    ms: performance.now() - t0,
  };
}

async function frame(task: FrameTask): Promise<FrameResult> {
  const t0 = performance.now();
  const eng = await engine(task.engine);
  const img = await decodeRgb(task.path, DETECT_MAX);
  const faces = await eng.detectPhoto(img, task.path);
  return { faces: faces.map(plain), ms: performance.now() - t0 };
}

export default async function run(task: CropTask | FrameTask): Promise<CropResult | FrameResult> {
  return task.kind === 'crop' ? crop(task) : frame(task);
}
