// The Rekognition face engine. Attendees are Rekognition users (one per attendee, their selfie
// faces associated with it); a photo's faces are indexed into the event's collection and each
// is searched against the users (SearchUsers), so every face of a group photo is matched, not
// only the largest. A late selfie finds the photo faces it resembles (SearchFaces) and takes
// those whose nearest attendee it now is. Similarity must reach the FaceMatchThreshold setting.
import {
  AssociateFacesCommand,
  CreateUserCommand,
  DeleteFacesCommand,
  DeleteUserCommand,
  IndexFacesCommand,
  SearchFacesCommand,
  SearchUsersCommand,
  type BoundingBox,
} from '@aws-sdk/client-rekognition';
import type { SelfieRejection } from '../../contract/attendee.js';
import type { DetectedFace, FaceBox } from '../face-engine.js';
import { judgeSelfie } from '../selfie-check.js';
import { MissingResourceError, type CallContext, type Caller } from './caller.js';
import { sanitizeExternalId, type Collections } from './collections.js';
import type { PhotoFaceRef } from '../../db/repositories/rekognition-repo.js';

export interface IndexedFace {
  faceId: string;
  /** Fractions (0..1) of the image's width and height, as Rekognition gives them. */
  box: FaceBox;
  /** Detection confidence, 0..100. */
  confidence: number;
}

export type SelfieOutcome = { accepted: true; faceId: string } | { accepted: false; reason: SelfieRejection };
export interface FaceMatchFound {
  faceIndex: number;
  attendeeId: string;
  similarity: number;
}

/** Attendees who may be matched (an accepted selfie): Rekognition UserId → attendee id. */
export type Candidates = Map<string, string>;
export const userIdFor = (attendeeId: string) => sanitizeExternalId(attendeeId);
export const candidatesOf = (attendeeIds: Iterable<string>): Candidates => new Map([...attendeeIds].map((id) => [userIdFor(id), id]));

const MAX_FACES = 100;
const EMPTY = new Float32Array(0);
const NOT_FOUND = 'ResourceNotFoundException';

export function createRekognitionEngine(deps: { call: Caller; collections: Collections; threshold: () => number }) {
  const { call, collections } = deps;

  /** Runs `fn` in the event's collection; a collection found missing is made again at the job's next try. */
  async function inCollection<T>(eventId: string, ctx: CallContext, fn: (collectionId: string) => Promise<T>): Promise<T> {
    const collectionId = await collections.ensure(eventId, ctx);
    try {
      return await fn(collectionId);
    } catch (err) {
      if (!(err instanceof MissingResourceError)) throw err;
      collections.forget(eventId);
      throw new Error(`rekognition collection of the event is missing; it is made again at the next try (${err.message})`, { cause: err });
    }
  }

  async function indexFaces(ctx: CallContext, collectionId: string, jpeg: Uint8Array, externalImageId: string) {
    const out = await call(ctx, 'IndexFaces', (c) =>
      c.send(
        new IndexFacesCommand({
          CollectionId: collectionId,
          Image: { Bytes: jpeg },
          ExternalImageId: sanitizeExternalId(externalImageId, 255),
          MaxFaces: MAX_FACES,
          QualityFilter: 'NONE',
          DetectionAttributes: ['DEFAULT'],
        }),
      ),
    );
    const faces: IndexedFace[] = (out.FaceRecords ?? []).flatMap((r) =>
      r.Face?.FaceId && r.Face.BoundingBox ? [{ faceId: r.Face.FaceId, box: toBox(r.Face.BoundingBox), confidence: r.Face.Confidence ?? 0 }] : [],
    );
    const unindexed = (out.UnindexedFaces ?? []).flatMap((u) =>
      u.FaceDetail?.BoundingBox ? [{ box: toBox(u.FaceDetail.BoundingBox), confidence: u.FaceDetail.Confidence ?? 0 }] : [],
    );
    return { faces, unindexed };
  }

  /** The best attendee (other than `except`) for a face already in the collection, with their similarity. */
  async function nearestUser(ctx: CallContext, collectionId: string, faceId: string, candidates: Candidates, except?: string) {
    const out = await call(ctx, 'SearchUsers', (c) =>
      c.send(
        new SearchUsersCommand({
          CollectionId: collectionId,
          FaceId: faceId,
          UserMatchThreshold: deps.threshold(),
          MaxUsers: 10,
        }),
      ),
    );
    for (const m of out.UserMatches ?? []) {
      const attendeeId = m.User?.UserId ? candidates.get(m.User.UserId) : undefined;
      if (attendeeId && attendeeId !== except) return { attendeeId, similarity: m.Similarity ?? 0 };
    }
    return null;
  }

  async function deleteFaces(eventId: string, faceIds: string[], ctx: CallContext): Promise<void> {
    const collectionId = collections.known(eventId);
    if (!collectionId || faceIds.length === 0) return;
    for (let i = 0; i < faceIds.length; i += 4096) {
      const chunk = faceIds.slice(i, i + 4096);
      await call(ctx, 'DeleteFaces', (c) => c.send(new DeleteFacesCommand({ CollectionId: collectionId, FaceIds: chunk })), [NOT_FOUND]).catch(
        (err: unknown) => {
          if ((err as Error).name !== NOT_FOUND) throw err;
        },
      );
    }
  }

  return {
    /**
     * Indexes a selfie (JPEG of `size` pixels) and applies the local engine's checks to what
     * Rekognition found: exactly one usable face. An accepted face is associated with the
     * attendee's user; the faces of a refused selfie are deleted at once.
     */
    async indexSelfie(
      ctx: CallContext,
      eventId: string,
      attendeeId: string,
      jpeg: Uint8Array,
      size: { width: number; height: number },
    ): Promise<SelfieOutcome> {
      return inCollection(eventId, ctx, async (collectionId) => {
        const { faces, unindexed } = await indexFaces(ctx, collectionId, jpeg, attendeeId);
        const inPixels = (box: FaceBox) => ({ x: box.x * size.width, y: box.y * size.height, width: box.width * size.width, height: box.height * size.height });
        const seen = [...faces, ...unindexed.map((u) => ({ ...u, faceId: null }))].map((f): DetectedFace & { faceId: string | null } => ({
          box: inPixels(f.box),
          score: f.confidence / 100,
          descriptor: EMPTY,
          faceId: f.faceId,
        }));
        const verdict = judgeSelfie(seen);
        const chosen = verdict.accepted ? (seen.find((f) => f === verdict.face)?.faceId ?? null) : null;
        await deleteFaces(
          eventId,
          faces.map((f) => f.faceId).filter((id) => id !== chosen),
          ctx,
        );
        if (!verdict.accepted) return verdict;
        if (!chosen) return { accepted: false, reason: 'several_faces' }; // more faces than Rekognition indexes
        const userId = userIdFor(attendeeId);
        await call(ctx, 'CreateUser', (c) => c.send(new CreateUserCommand({ CollectionId: collectionId, UserId: userId })), ['ConflictException']).catch(
          (err: unknown) => {
            if ((err as Error).name !== 'ConflictException') throw err;
          },
        ); // already there
        // UserMatchThreshold 0: each selfie counts, as with the local engine.
        const out = await call(ctx, 'AssociateFaces', (c) =>
          c.send(
            new AssociateFacesCommand({
              CollectionId: collectionId,
              UserId: userId,
              FaceIds: [chosen],
              UserMatchThreshold: 0,
            }),
          ),
        );
        const refused = out.UnsuccessfulFaceAssociations?.find((u) => u.FaceId === chosen);
        if (refused) throw new Error(`rekognition did not associate the selfie with its attendee: ${(refused.Reasons ?? []).join(', ')}`);
        return { accepted: true, faceId: chosen };
      });
    },

    /** Indexes every face of a photo (JPEG under 5 MB) into the event's collection. */
    async indexPhoto(ctx: CallContext, eventId: string, photoId: string, jpeg: Uint8Array): Promise<IndexedFace[]> {
      return inCollection(eventId, ctx, async (collectionId) => (await indexFaces(ctx, collectionId, jpeg, `photo:${photoId}`)).faces);
    },

    /** Each indexed face's nearest attendee over the threshold; an attendee appears once (their most similar face). */
    async matchFaces(ctx: CallContext, eventId: string, faces: IndexedFace[], candidates: Candidates): Promise<FaceMatchFound[]> {
      if (faces.length === 0 || candidates.size === 0) return [];
      return inCollection(eventId, ctx, async (collectionId) => {
        const nearest = await Promise.all(faces.map((f) => nearestUser(ctx, collectionId, f.faceId, candidates)));
        const best = new Map<string, FaceMatchFound>();
        nearest.forEach((n, faceIndex) => {
          if (!n) return;
          const current = best.get(n.attendeeId);
          if (!current || n.similarity > current.similarity) best.set(n.attendeeId, { faceIndex, ...n });
        });
        return [...best.values()];
      });
    },

    /**
     * After a selfie is accepted: the photo faces already indexed that resemble it, kept when no
     * other attendee is more similar; one face per photo.
     */
    async rematchSelfie(
      ctx: CallContext,
      eventId: string,
      attendeeId: string,
      selfieFaceId: string,
      candidates: Candidates,
      photoFaces: (faceIds: string[]) => Map<string, PhotoFaceRef>,
    ): Promise<(PhotoFaceRef & { similarity: number })[]> {
      return inCollection(eventId, ctx, async (collectionId) => {
        const out = await call(ctx, 'SearchFaces', (c) =>
          c.send(
            new SearchFacesCommand({
              CollectionId: collectionId,
              FaceId: selfieFaceId,
              FaceMatchThreshold: deps.threshold(),
              MaxFaces: 4096,
            }),
          ),
        );
        const similar = (out.FaceMatches ?? []).flatMap((m) => (m.Face?.FaceId ? [{ faceId: m.Face.FaceId, similarity: m.Similarity ?? 0 }] : []));
        const known = photoFaces(similar.map((s) => s.faceId));
        const found = similar.flatMap((s) => {
          const ref = known.get(s.faceId);
          return ref ? [{ ...ref, faceId: s.faceId, similarity: s.similarity }] : [];
        });
        const others = new Map([...candidates].filter(([, id]) => id !== attendeeId));
        const rivals =
          others.size === 0 ? found.map(() => null) : await Promise.all(found.map((f) => nearestUser(ctx, collectionId, f.faceId, others, attendeeId)));
        const best = new Map<string, PhotoFaceRef & { similarity: number }>();
        found.forEach((f, i) => {
          const rival = rivals[i];
          if (rival && rival.similarity >= f.similarity) return; // that face is someone else's
          const current = best.get(f.photoId);
          if (!current || f.similarity > current.similarity) best.set(f.photoId, { photoId: f.photoId, faceIndex: f.faceIndex, similarity: f.similarity });
        });
        return [...best.values()];
      });
    },

    deleteFaces,

    /** Removes an attendee's user and selfie faces (account deleted). */
    async forgetAttendee(ctx: CallContext, eventId: string, attendeeId: string, selfieFaceIds: string[]): Promise<void> {
      const collectionId = collections.known(eventId);
      if (!collectionId) return;
      await call(ctx, 'DeleteUser', (c) => c.send(new DeleteUserCommand({ CollectionId: collectionId, UserId: userIdFor(attendeeId) })), [NOT_FOUND]).catch(
        (err: unknown) => {
          if ((err as Error).name !== NOT_FOUND) throw err;
        },
      );
      await deleteFaces(eventId, selfieFaceIds, ctx);
    },

    /** Deletes the event's collection (the event is being purged). */
    deleteEventCollection: (eventId: string, ctx: CallContext) => collections.remove(eventId, ctx),
  };
}
export type RekognitionEngine = ReturnType<typeof createRekognitionEngine>;

const toBox = (b: BoundingBox): FaceBox => ({ x: b.Left ?? 0, y: b.Top ?? 0, width: b.Width ?? 0, height: b.Height ?? 0 });
