// The face-engine contract shared by the local model and Rekognition.
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectedFace {
  box: FaceBox;
  /** Detector confidence, 0..1. */
  score: number;
  /** 128-d descriptor; faces of one person are close in Euclidean distance. */
  descriptor: Float32Array;
}

export interface FaceDetector {
  /** Every face in an RGB image (3 bytes per pixel, row-major). */
  detect(rgb: Uint8Array, width: number, height: number): Promise<DetectedFace[]>;
}

/** Detector confidence below which a detection is not a face. */
export const MIN_FACE_SCORE = 0.5;
