// The inference floor, in its own process: the local face model with nothing around it. Loads
// the model (loadLocalFaceModel), decodes its share of the photos to ≤1600 px the way the
// pipeline does (decodeRgb, not timed), waits for "go" (so parallel children start together),
// then times detect + landmarks + descriptors per photo. It also matches the faces it found to
// the fixture selfies (same matcher and threshold as FindMe): what the model alone can find.
import sharp from 'sharp';
import { judgeSelfie } from '../../server/faces/selfie-check.js';
import { loadLocalFaceModel } from '../../server/faces/local-face-model.js';
import { matchFaces, type Reference } from '../../server/faces/matcher.js';
import { PROFILE_V1, ruleWith } from '../../server/faces/model-profile.js';
import { DETECT_MAX, SELFIE_DETECT_MAX, decodeRgb, type RawImage } from '../../server/images/renditions.js';
import { sendToParent, type Message } from '../lib/child.js';

export interface FloorTask {
  photos: { name: string; path: string }[];
  selfies: { attendee: string; path: string }[];
  threshold: number;
}

export interface FloorChildResult {
  perImageMs: number[];
  wallMs: number;
  modelLoadMs: number;
  decodeMs: number;
  matches: Record<string, string[]>;
  faceCounts: Record<string, number>;
}

// Same as the image worker: one libvips thread.
sharp.concurrency(1);
sharp.cache(false);

let onGo: () => void = () => undefined;

async function run(task: FloorTask): Promise<FloorChildResult> {
  const t0 = performance.now();
  const model = await loadLocalFaceModel({ faceApiPipeline: true });
  const modelLoadMs = performance.now() - t0;
  const refs: Reference[] = [];
  for (const s of task.selfies) {
    const img = await decodeRgb(s.path, SELFIE_DETECT_MAX);
    const verdict = judgeSelfie(await model.detect(img.data, img.width, img.height));
    if (verdict.accepted) refs.push({ attendeeId: s.attendee, descriptor: verdict.face.descriptor });
  }
  const t1 = performance.now();
  const decoded: { name: string; img: RawImage }[] = [];
  for (const p of task.photos) decoded.push({ name: p.name, img: await decodeRgb(p.path, DETECT_MAX) });
  const decodeMs = performance.now() - t1;

  const go = new Promise<void>((resolve) => (onGo = resolve));
  sendToParent({ type: 'decoded' });
  await go;
  const perImageMs: number[] = [];
  const matches: Record<string, string[]> = {};
  const faceCounts: Record<string, number> = {};
  const start = performance.now();
  for (const { name, img } of decoded) {
    const ti = performance.now();
    const faces = await model.detect(img.data, img.width, img.height);
    perImageMs.push(performance.now() - ti);
    faceCounts[name] = faces.length;
    matches[name] = matchFaces(
      faces.map((f, i) => ({ photoId: name, faceIndex: i, descriptor: f.descriptor })),
      refs,
      ruleWith(PROFILE_V1, task.threshold),
    )
      .map((m) => m.attendeeId)
      .sort();
  }
  return { perImageMs, wallMs: performance.now() - start, modelLoadMs, decodeMs, matches, faceCounts };
}

process.on('message', (m: Message) => {
  if (m.type === 'stop') process.exit(0);
  if (m.type === 'go') onGo();
  if (m.type !== 'run') return;
  run(m.task as FloorTask)
    .then((result) => sendToParent({ type: 'result', result }))
    .catch((err: unknown) => sendToParent({ type: 'error', message: (err as Error).stack ?? String(err) }));
});
process.on('disconnect', () => process.exit(0));
sendToParent({ type: 'ready' });
