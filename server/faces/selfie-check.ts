// Is a selfie usable? Exactly one face, large enough, not sharing the picture. The boxes are
// judged first (SSD MobileNet v1 on a small square: a selfie's face is large), and only the
// accepted face is described: a picture of a crowd costs one detection, never a descriptor
// per face.
import type { SelfieRejection } from '../contract/attendee.js';
import type { FaceBox } from './face-engine.js';
import type { LocalFaceModel, RgbImage } from './local-face-model.js';

/** Smallest usable face width, in pixels of the ≤800 px image the detector saw. */
export const MIN_SELFIE_FACE_PX = 48;
/** A second face at least this fraction of the main face's width makes it a group picture. */
export const SECOND_FACE_RATIO = 0.5;
/**
 * The square SSD looks at for a selfie: 384 px frames a selfie's face as 512 (its training size)
 * does, for less than half the cost, with the same matching quality (npm run eval:faces, v2 beside v2p).
 */
export const SELFIE_SSD_INPUT = 384;

export type SelfieVerdict<F> = { accepted: true; face: F } | { accepted: false; reason: SelfieRejection };

export function judgeSelfie<F extends { box: FaceBox }>(faces: F[]): SelfieVerdict<F> {
  if (faces.length === 0) return { accepted: false, reason: 'no_face' };
  const sorted = [...faces].sort((a, b) => b.box.width - a.box.width);
  const main = sorted[0]!;
  if (sorted.slice(1).some((f) => f.box.width >= main.box.width * SECOND_FACE_RATIO)) return { accepted: false, reason: 'several_faces' };
  if (main.box.width < MIN_SELFIE_FACE_PX) return { accepted: false, reason: 'face_too_small' };
  return { accepted: true, face: main };
}

/** The selfie check of the local engine: SSD's boxes judged, then the one face described. */
export async function checkSelfie(
  model: LocalFaceModel,
  img: RgbImage,
  inputSize = SELFIE_SSD_INPUT,
): Promise<SelfieVerdict<{ box: FaceBox; descriptor: Float32Array }>> {
  const verdict = judgeSelfie(await model.ssdBoxes(img, inputSize));
  if (!verdict.accepted) return verdict;
  const descriptor = await model.describe(img, verdict.face.box, { asFaceApi: true });
  return descriptor ? { accepted: true, face: { box: verdict.face.box, descriptor } } : { accepted: false, reason: 'no_face' };
}
