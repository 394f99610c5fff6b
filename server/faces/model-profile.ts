// The local engine's model profiles: the id stored with each descriptor, and the decision rule
// measured for it (npm run eval:faces). The active profile's values (metric, threshold and the
// setting's range, margin, face-size gate) are plain constants in contract/face-profile.ts, so
// that the dashboard reads the same numbers; input sizes are in photo-faces.ts and renditions.ts.
import { LOCAL_FACE_PROFILE } from '../contract/face-profile.js';
import type { MatchRule } from './matcher.js';

export interface ModelProfile {
  /** Stored with every descriptor: descriptors of different models are never compared. */
  id: string;
  descriptorLength: number;
  rule: MatchRule;
}

/** face-api: SSD MobileNet v1 at ≤1600 px, 68 landmarks, dlib-style ResNet 128-d; nearest under 0.55. */
export const PROFILE_V1: ModelProfile = {
  id: 'faceapi-resnet128',
  descriptorLength: 128,
  rule: { metric: 'euclidean', threshold: 0.55, margin: 0, minFaceWidth: 0 },
};

/**
 * Face engine v2: SSD (large faces) and BlazeFace on a 1200 px level (small faces) find them,
 * small ones are described from the original's pixels, descriptors are compared once scaled
 * to length 1, and the rule is measured (npm run eval:faces): a threshold at a false-match rate
 * of about 1e-4 of the descriptor's impostor pairs, a margin over the second-nearest attendee,
 * and no match for faces under 36 px. The values live in contract/face-profile.ts.
 */
export const PROFILE_V2: ModelProfile = {
  id: LOCAL_FACE_PROFILE.id,
  descriptorLength: 128,
  rule: {
    metric: LOCAL_FACE_PROFILE.metric,
    threshold: LOCAL_FACE_PROFILE.threshold.default,
    margin: LOCAL_FACE_PROFILE.margin,
    minFaceWidth: LOCAL_FACE_PROFILE.minFaceWidth,
  },
};

export const ACTIVE_PROFILE = PROFILE_V2;

/** The rule with the operator's threshold setting in place of the profile's default. */
export const ruleWith = (profile: ModelProfile, threshold: number): MatchRule => ({ ...profile.rule, threshold });
