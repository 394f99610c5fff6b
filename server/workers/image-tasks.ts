// The messages between the scheduler and the image worker threads.
import type { SelfieRejection } from '../contract/attendee.js';
import type { FaceBox } from '../faces/face-engine.js';

export interface PhotoTask {
  kind: 'photo';
  originalPath: string;
  previewPath: string;
  thumbPath: string;
}

export interface SelfieTask {
  kind: 'selfie';
  uploadPath: string;
  outputPath: string;
}

export type ImageTask = PhotoTask | SelfieTask;

export interface StageTimings {
  decodeMs: number;
  facesMs: number;
  encodeMs: number;
}

export interface FoundFace {
  box: FaceBox; // in pixels of the oriented original
  score: number;
  descriptor: Float32Array;
}

export interface PhotoResult {
  kind: 'photo';
  width: number;
  height: number;
  faces: FoundFace[];
  timings: StageTimings;
}

export type SelfieResult =
  | { kind: 'selfie'; accepted: true; descriptor: Float32Array; timings: StageTimings }
  | { kind: 'selfie'; accepted: false; reason: SelfieRejection; timings: StageTimings };

/** A failure that retrying cannot fix (a broken file): the job fails at once with this reason. */
export const PERMANENT_PREFIX = 'permanent:';
