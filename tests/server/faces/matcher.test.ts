// The matcher's rules on hand-made descriptors: threshold, margin over the runner-up, several
// selfies per attendee, the face-size gate, one face per attendee per photo, a new selfie.
import { describe, expect, it } from 'vitest';
import { decide, distance, matchFaces, matchNewSelfie, type MatchRule, type Reference } from '../../../server/faces/matcher.js';

const v = (...xs: number[]) => Float32Array.from(xs);
const rule = (over: Partial<MatchRule> = {}): MatchRule => ({ metric: 'euclidean', threshold: 0.5, margin: 0, minFaceWidth: 0, ...over });
const face = (descriptor: Float32Array, faceIndex = 0, photoId = 'p1', width?: number) => ({ photoId, faceIndex, descriptor, width });

describe('distance', () => {
  it('is Euclidean or cosine, and infinite across descriptor kinds', () => {
    expect(distance(v(0, 0), v(3, 4))).toBe(5);
    expect(distance(v(1, 0), v(0, 1), 'cosine')).toBeCloseTo(1);
    expect(distance(v(1, 1), v(2, 2), 'cosine')).toBeCloseTo(0);
    expect(distance(v(3, 0), v(0, 0.5), 'unit-euclidean')).toBeCloseTo(Math.SQRT2); // lengths do not count
    expect(distance(v(2, 0), v(5, 0), 'unit-euclidean')).toBeCloseTo(0);
    expect(distance(v(1, 0), v(1, 0, 0))).toBe(Infinity); // another model's length
    expect(distance(v(), v())).toBe(Infinity); // Rekognition's empty descriptor
  });
});

describe('decide', () => {
  const refs: Reference[] = [
    { attendeeId: 'ann', descriptor: v(0, 0) },
    { attendeeId: 'bob', descriptor: v(1, 0) },
  ];

  it('gives a face to the nearest attendee under the threshold, and to nobody above it', () => {
    expect(decide(face(v(0.1, 0)), refs, rule())).toMatchObject({
      attendeeId: 'ann',
      distance: expect.closeTo(0.1) as number,
      runnerUp: expect.closeTo(0.9) as number,
    });
    expect(decide(face(v(0, 2)), refs, rule())).toBeNull();
  });

  it('gives an uncertain face to nobody: the runner-up must be farther by the margin', () => {
    const between = face(v(0.45, 0)); // 0.45 from ann, 0.55 from bob
    expect(decide(between, refs, rule())?.attendeeId).toBe('ann');
    expect(decide(between, refs, rule({ margin: 0.15 }))).toBeNull();
    expect(decide(face(v(0.2, 0)), refs, rule({ margin: 0.15 }))?.attendeeId).toBe('ann'); // 0.2 vs 0.8
  });

  it('counts an attendee once however many selfies they have: their nearest selfie is their distance', () => {
    const two: Reference[] = [...refs, { attendeeId: 'ann', descriptor: v(0.2, 0) }];
    // 0.3 from ann's second selfie and 0.5 from her first: ann's own selfies are no runner-up.
    const d = decide(face(v(0.5, 0.1)), two, rule({ margin: 0.05 }));
    expect(d?.attendeeId).toBe('ann');
    expect(d?.runnerUp).toBeCloseTo(Math.hypot(0.5, 0.1));
  });

  it('does not match faces narrower than the gate; faces of unknown width are not gated', () => {
    expect(decide(face(v(0, 0), 0, 'p', 30), refs, rule({ minFaceWidth: 40 }))).toBeNull();
    expect(decide(face(v(0, 0), 0, 'p', 40), refs, rule({ minFaceWidth: 40 }))?.attendeeId).toBe('ann');
    expect(decide(face(v(0, 0)), refs, rule({ minFaceWidth: 40 }))?.attendeeId).toBe('ann');
  });

  it('matches nobody when nobody has a selfie', () => {
    expect(decide(face(v(0, 0)), [], rule())).toBeNull();
  });
});

describe('matchFaces', () => {
  it('gives an attendee one face per photo, the closest, and each face to one attendee', () => {
    const refs: Reference[] = [
      { attendeeId: 'ann', descriptor: v(0, 0) },
      { attendeeId: 'bob', descriptor: v(5, 0) },
    ];
    const found = matchFaces([face(v(0.3, 0), 0), face(v(0.1, 0), 1), face(v(5, 0.2), 2), face(v(9, 9), 3)], refs, rule());
    expect(found.map((m) => [m.attendeeId, m.faceIndex]).sort()).toEqual([
      ['ann', 1],
      ['bob', 2],
    ]);
  });
});

describe('matchNewSelfie', () => {
  const faces = [face(v(0, 0.1), 0, 'p1'), face(v(3, 0), 0, 'p2'), face(v(0.15, 0), 0, 'p3'), face(v(0.05, 0), 1, 'p3')];

  it('gives the new attendee the faces that are now theirs, one per photo', () => {
    const found = matchNewSelfie('ann', v(0, 0), faces, [], rule());
    expect(found.map((m) => [m.photoId, m.faceIndex]).sort()).toEqual([
      ['p1', 0],
      ['p3', 1],
    ]);
  });

  it('takes nothing that is nearer another attendee, nor anything uncertain between the two', () => {
    const refs: Reference[] = [{ attendeeId: 'bob', descriptor: v(0.2, 0) }];
    // p3's first face is nearer bob (0.05 vs 0.15): it stays his; ann gets p1 and p3's second face.
    expect(matchNewSelfie('ann', v(0, 0), faces, refs, rule()).map((m) => [m.photoId, m.faceIndex])).toEqual([
      ['p1', 0],
      ['p3', 1],
    ]);
    // With a margin of 0.15 neither is clear enough (0.1 vs 0.22, 0.05 vs 0.15).
    expect(matchNewSelfie('ann', v(0, 0), faces, refs, rule({ margin: 0.15 }))).toEqual([]);
  });
});
