// Is a selfie usable? Exactly one face, large enough, not sharing the picture.
import type { SelfieRejection } from '../contract/attendee.js';
import type { DetectedFace } from './face-engine.js';

/** Smallest usable face width, in pixels of the ≤800 px image the detector saw. */
export const MIN_SELFIE_FACE_PX = 48;
/** A second face at least this fraction of the main face's width makes it a group picture. */
export const SECOND_FACE_RATIO = 0.5;

/**
 * The first look: this many confident faces on a 384 px version of the picture (BlazeFace, ~0.1 s) make
 * it a crowd, refused before the full check describes every face (a mosaic of hundreds of
 * faces would otherwise hold a worker for many seconds).
 */
export const CROWD_FACES = 6;
export const CROWD_LOOK_PX = 384;
export const CROWD_MIN_SCORE = 0.75;

export type SelfieVerdict = { accepted: true; face: DetectedFace } | { accepted: false; reason: SelfieRejection };

export function judgeSelfie(faces: DetectedFace[]): SelfieVerdict {
  if (faces.length === 0) return { accepted: false, reason: 'no_face' };
  const sorted = [...faces].sort((a, b) => b.box.width - a.box.width);
  const main = sorted[0]!;
  if (sorted.slice(1).some((f) => f.box.width >= main.box.width * SECOND_FACE_RATIO)) return { accepted: false, reason: 'several_faces' };
  if (main.box.width < MIN_SELFIE_FACE_PX) return { accepted: false, reason: 'face_too_small' };
  return { accepted: true, face: main };
}
