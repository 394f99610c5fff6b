// The messages between the scheduler and the image worker threads.
import type { SelfieRejection } from '../contract/attendee.js';
import type { FaceBox } from '../faces/face-engine.js';

export interface PhotoTask {
  kind: 'photo';
  originalPath: string;
  previewPath: string;
  thumbPath: string;
  /** false: renditions only, no face detection (the Rekognition engine finds the faces). Default true. */
  detectFaces?: boolean;
}

export interface SelfieTask {
  kind: 'selfie';
  uploadPath: string;
  outputPath: string;
}

/** For the Rekognition engine: the stored selfie, and the JPEG (≤800 px) Rekognition is sent; no detection. */
export interface SelfieImageTask {
  kind: 'selfie-image';
  uploadPath: string;
  outputPath: string;
}

export type ImageTask = PhotoTask | SelfieTask | SelfieImageTask;

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

export type SelfieImageResult =
  | { kind: 'selfie-image'; readable: true; jpeg: Uint8Array; width: number; height: number; timings: StageTimings }
  | { kind: 'selfie-image'; readable: false; timings: StageTimings };

/** A photo that cannot be decoded: retrying cannot fix it. */
export interface UnreadableResult {
  kind: 'unreadable';
  reason: string;
}

/** What the pool answers for each kind of task. */
export type ResultOf<T extends ImageTask> = T extends PhotoTask ? PhotoResult | UnreadableResult : T extends SelfieImageTask ? SelfieImageResult : SelfieResult;
