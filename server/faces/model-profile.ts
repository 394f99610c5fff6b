// The local engine's model profile: which models describe faces, how their descriptors are
// compared, and the decision rule measured for them (npm run eval:faces). Input sizes,
// metric, thresholds and the setting's allowed range live here and nowhere else.
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
 * Face engine v2: SSD (large faces) and BlazeFace on a 1200 px level (small faces) find them, small ones are described from the
 * original's pixels, and the rule is measured (npm run eval:faces): a threshold at a false-match
 * rate of about 1e-4 of the descriptor's impostor pairs, and a margin over the second-nearest
 * attendee; faces under 36 px are not matched.
 */
export const PROFILE_V2: ModelProfile = {
  id: 'blaze-resnet128-v2',
  descriptorLength: 128,
  rule: { metric: 'euclidean', threshold: 0.48, margin: 0.06, minFaceWidth: 36 },
};

export const ACTIVE_PROFILE = PROFILE_V2;

/** The rule with the operator's threshold setting in place of the profile's default. */
export const ruleWith = (profile: ModelProfile, threshold: number): MatchRule => ({ ...profile.rule, threshold });
