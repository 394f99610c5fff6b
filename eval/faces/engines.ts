// The engines the evaluation compares, by id. Each is the product's code with one profile;
// `v1` is the engine as it shipped before face engine v2 (kept here as the baseline).
import type { DetectedFace, FaceDetector } from '../../server/faces/face-engine.js';
import { loadLocalFaceModel } from '../../server/faces/local-face-model.js';
import { findPhotoFaces } from '../../server/faces/photo-faces.js';
import type { MatchRule } from '../../server/faces/matcher.js';
import { PROFILE_V1 } from '../../server/faces/model-profile.js';
import type { RawImage } from '../../server/images/renditions.js';

export type EngineId = 'v1';
export const ENGINES: Record<EngineId, { label: string; rule: MatchRule }> = {
  v1: { label: 'face-api SSD MobileNet v1 at 1600 px, dlib ResNet 128-d, nearest attendee under Euclidean 0.55', rule: PROFILE_V1.rule },
};

export interface EvalEngine {
  detectSelfie(img: RawImage): Promise<DetectedFace[]>;
  detectPhoto(img: RawImage, originalPath: string): Promise<DetectedFace[]>;
}

export async function loadEngine(id: EngineId): Promise<EvalEngine> {
  if (id === 'v1') {
    const detector: FaceDetector = await loadLocalFaceModel();
    return {
      detectSelfie: (img) => detector.detect(img.data, img.width, img.height),
      detectPhoto: (img) => findPhotoFaces(detector, img),
    };
  }
  throw new Error(`unknown engine ${String(id)}`);
}
