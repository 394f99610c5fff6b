// Matching faces to attendees: nearest neighbour by Euclidean distance between descriptors,
// under a threshold. A face close to nobody matches nobody; precision comes before recall.

export interface Reference {
  attendeeId: string;
  descriptor: Float32Array;
}

export interface FaceToMatch {
  photoId: string;
  faceIndex: number;
  descriptor: Float32Array;
}

export interface FaceMatch {
  photoId: string;
  faceIndex: number;
  attendeeId: string;
  distance: number;
}

/**
 * Euclidean distance. A face described by another engine (Rekognition keeps its vectors and
 * stores an empty descriptor here) is infinitely far from everything: never a local match.
 */
export function distance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** The attendee nearest to a face (over all their selfies), if under the threshold. */
export function nearestAttendee(face: Float32Array, refs: Reference[], threshold: number): { attendeeId: string; distance: number } | null {
  let best: { attendeeId: string; distance: number } | null = null;
  for (const ref of refs) {
    const d = distance(face, ref.descriptor);
    if (d < threshold && (!best || d < best.distance)) best = { attendeeId: ref.attendeeId, distance: d };
  }
  return best;
}

/**
 * The matches of a photo's faces. Each face goes to its nearest attendee; an attendee appears
 * once per photo (their closest face), and a face is given to at most one attendee.
 */
export function matchFaces(faces: FaceToMatch[], refs: Reference[], threshold: number): FaceMatch[] {
  const byAttendee = new Map<string, FaceMatch>();
  for (const face of faces) {
    const best = nearestAttendee(face.descriptor, refs, threshold);
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
 * faces whose nearest attendee (counting the new selfie) is this attendee.
 */
export function matchNewSelfie(attendeeId: string, selfie: Float32Array, faces: FaceToMatch[], refs: Reference[], threshold: number): FaceMatch[] {
  const candidates = faces.filter((f) => distance(f.descriptor, selfie) < threshold);
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
  return [...byPhoto.values()].flatMap((photoFaces) => matchFaces(photoFaces, allRefs, threshold)).filter((m) => m.attendeeId === attendeeId);
}
