// Matching faces to attendees. A face goes to the attendee whose nearest selfie is closest,
// only if that distance is under the threshold AND clearly nearer than any other attendee's
// (the margin): where two attendees are about as close, the face is uncertain and nobody gets
// it. Faces too small to be described reliably are not matched at all. Precision comes
// before recall: a wrong match shows a stranger's photo to someone.

export interface Reference {
  attendeeId: string;
  descriptor: Float32Array;
}

export interface FaceToMatch {
  photoId: string;
  faceIndex: number;
  descriptor: Float32Array;
  /** Face width in pixels of the original photo (the quality gate); unknown: not gated. */
  width?: number;
}

export interface FaceMatch {
  photoId: string;
  faceIndex: number;
  attendeeId: string;
  distance: number;
}

/**
 * `unit-euclidean`: Euclidean distance once both descriptors are scaled to length 1 (0..2);
 * for face-api's 128-d descriptor it separates people better than the raw distance.
 */
export type Metric = 'euclidean' | 'unit-euclidean' | 'cosine';

/** The decision rule; the model profile (model-profile.ts) gives each model its own. */
export interface MatchRule {
  metric: Metric;
  /** A face matches only attendees nearer than this. */
  threshold: number;
  /** The nearest attendee must be nearer than the second-nearest by at least this much. */
  margin: number;
  /** Faces narrower than this (original pixels) are not matched. */
  minFaceWidth: number;
}

/**
 * Distance between two descriptors. A face described by another engine or model (Rekognition
 * stores an empty descriptor; another model another length) is infinitely far: never a match.
 */
export function distance(a: Float32Array, b: Float32Array, metric: Metric = 'euclidean'): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  if (metric !== 'euclidean') {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      dot += a[i]! * b[i]!;
      na += a[i]! * a[i]!;
      nb += b[i]! * b[i]!;
    }
    if (!na || !nb) return Infinity;
    const cos = dot / Math.sqrt(na * nb);
    return metric === 'cosine' ? 1 - cos : Math.sqrt(Math.max(0, 2 - 2 * cos));
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export interface Decision {
  attendeeId: string;
  distance: number;
  /** Distance to the second-nearest attendee (Infinity when there is none). */
  runnerUp: number;
}

/** Each attendee's distance to the face (over all their selfies), nearest first: the two best. */
function twoNearest(face: Float32Array, refs: Reference[], metric: Metric) {
  const byAttendee = new Map<string, number>();
  for (const ref of refs) {
    const d = distance(face, ref.descriptor, metric);
    const cur = byAttendee.get(ref.attendeeId);
    if (cur === undefined || d < cur) byAttendee.set(ref.attendeeId, d);
  }
  let best: { attendeeId: string; distance: number } | null = null;
  let second = Infinity;
  for (const [attendeeId, d] of byAttendee) {
    if (!best || d < best.distance) {
      if (best) second = Math.min(second, best.distance);
      best = { attendeeId, distance: d };
    } else if (d < second) second = d;
  }
  return best ? { ...best, runnerUp: second } : null;
}

/** The attendee a face belongs to under the rule, or null (nobody close, uncertain, or too small). */
export function decide(face: FaceToMatch, refs: Reference[], rule: MatchRule): Decision | null {
  if (face.width !== undefined && face.width < rule.minFaceWidth) return null;
  const best = twoNearest(face.descriptor, refs, rule.metric);
  if (!best || !(best.distance < rule.threshold)) return null;
  if (best.runnerUp - best.distance < rule.margin) return null;
  return best;
}

/**
 * The matches of a photo's faces. Each face goes to its attendee under the rule; an attendee
 * appears once per photo (their closest face), and a face is given to at most one attendee.
 */
export function matchFaces(faces: FaceToMatch[], refs: Reference[], rule: MatchRule): FaceMatch[] {
  const byAttendee = new Map<string, FaceMatch>();
  for (const face of faces) {
    const best = decide(face, refs, rule);
    if (!best) continue;
    const current = byAttendee.get(best.attendeeId);
    if (!current || best.distance < current.distance) {
      byAttendee.set(best.attendeeId, { photoId: face.photoId, faceIndex: face.faceIndex, attendeeId: best.attendeeId, distance: best.distance });
    }
  }
  return [...byAttendee.values()];
}

/**
 * When an attendee's selfie is accepted: the already-found faces that are now theirs, i.e. the
 * faces that the rule gives to this attendee once the new selfie counts.
 */
export function matchNewSelfie(attendeeId: string, selfie: Float32Array, faces: FaceToMatch[], refs: Reference[], rule: MatchRule): FaceMatch[] {
  const candidates = faces.filter((f) => distance(f.descriptor, selfie, rule.metric) < rule.threshold);
  if (candidates.length === 0) return [];
  const allRefs = [...refs, { attendeeId, descriptor: selfie }];
  // Group by photo so that matchFaces keeps one face per attendee per photo.
  const candidatePhotos = new Set(candidates.map((c) => c.photoId));
  const byPhoto = new Map<string, FaceToMatch[]>();
  for (const f of faces) {
    if (!candidatePhotos.has(f.photoId)) continue;
    const list = byPhoto.get(f.photoId);
    if (list) list.push(f);
    else byPhoto.set(f.photoId, [f]);
  }
  return [...byPhoto.values()].flatMap((photoFaces) => matchFaces(photoFaces, allRefs, rule)).filter((m) => m.attendeeId === attendeeId);
}
