// The local face engine's numbers that the dashboard shows or bounds (the threshold setting),
// as plain values. server/faces/model-profile.ts builds the engine's profile from them; they
// were measured with `npm run eval:faces` (eval/reports/). Nothing else may repeat them.
export const LOCAL_FACE_PROFILE = {
  /** Stored with every descriptor; a new id re-describes every photo and selfie at start. */
  id: 'faceapi-resnet128-unit-v2',
  /** face-api's 128-d descriptors, compared once scaled to length 1. */
  metric: 'unit-euclidean',
  /**
   * Match threshold: the default lets through about 1 in 10,000 pairs of different people on
   * the evaluation set; the range runs from about 1 in 1,000,000 to 1 in 1,000.
   */
  threshold: { min: 0.28, max: 0.4, default: 0.355 },
  /** The nearest attendee must be this much nearer than the second-nearest, or nobody gets the face. */
  margin: 0.08,
  /** Faces narrower than this, in the original's pixels, are not matched. */
  minFaceWidth: 36,
} as const;
