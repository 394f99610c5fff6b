// Rekognition behind the face seam. A photo: the worker makes the renditions only, the preview
// JPEG is indexed into the event's collection and each face searched against the attendees,
// under the event's lock shared. A selfie: the worker stores it and makes the JPEG sent to AWS;
// every AWS call happens before the one transaction that accepts it, under the event's lock
// exclusive (a retry starts clean: what a failed try indexed is deleted).
import { readFile } from 'node:fs/promises';
import type { FaceRecord } from '../db/repositories/photos-repo.js';
import type { SelfieRow } from '../db/repositories/selfies-repo.js';
import { candidatesOf } from '../faces/rekognition/rekognition-engine.js';
import { NO_DESCRIPTOR, REKOGNITION_MAX_BYTES, REKOGNITION_MODEL, similarityToDistance, type RekognitionParts } from './engine-choice.js';
import { photoPaths, type FacePipeline, type FacePipelineDeps } from './face-pipeline.js';
import { createSelfieAcceptance } from './selfie-acceptance.js';

export function createRekognitionPipeline(deps: FacePipelineDeps, rk: RekognitionParts): FacePipeline {
  const now = deps.now ?? Date.now;
  const acceptance = createSelfieAcceptance(deps);
  const acceptedAttendees = (eventId: string) => deps.selfies.acceptedAttendeeIds(eventId);

  const savePhoto = deps.db.transaction(
    (
      photoId: string,
      eventId: string,
      size: { width: number; height: number },
      faces: (Omit<FaceRecord, 'faceIndex'> & { faceId: string })[],
      found: { faceIndex: number; attendeeId: string; similarity: number }[],
    ) => {
      deps.photos.saveResult(photoId, eventId, REKOGNITION_MODEL, { ...size, faces: faces.map((f, faceIndex) => ({ ...f, faceIndex })) }, now());
      rk.repo.setPhotoFaceIds(
        photoId,
        faces.map((f) => f.faceId),
      );
      const still = acceptedAttendees(eventId); // an attendee deleted meanwhile is not matched
      const rows = found
        .filter((m) => still.has(m.attendeeId))
        .map((m) => ({ photoId, eventId, attendeeId: m.attendeeId, faceIndex: m.faceIndex, distance: similarityToDistance(m.similarity) }));
      return deps.matches.insertMany(rows, now());
    },
  );

  const acceptSelfie = deps.db.transaction((selfie: SelfieRow, faceId: string, found: { photoId: string; faceIndex: number; similarity: number }[]) => {
    deps.selfies.accept(selfie.id, NO_DESCRIPTOR, REKOGNITION_MODEL, now());
    rk.repo.setSelfieFaceId(selfie.id, faceId);
    const rows = found.map((m) => ({
      photoId: m.photoId,
      faceIndex: m.faceIndex,
      attendeeId: selfie.attendeeId,
      eventId: selfie.eventId,
      distance: similarityToDistance(m.similarity),
    }));
    return deps.matches.insertMany(rows, now());
  });

  return {
    async photo(photo) {
      const paths = photoPaths(deps.files, photo);
      const result = await deps.pool.run({ kind: 'photo', ...paths, detectFaces: false });
      if (result.kind === 'unreadable') return { ok: false, reason: result.reason };
      const jpeg = await readFile(paths.previewPath);
      if (jpeg.length > REKOGNITION_MAX_BYTES) return { ok: false, reason: 'image_too_large: the preview sent to Rekognition is over 5 MB' };
      const ctx = rk.context(photo.eventId);
      const t0 = performance.now();
      // A second run (crash, retry) replaces the faces the first one indexed.
      await rk.engine.deleteFaces(photo.eventId, rk.repo.photoFaceIds(photo.id), ctx);
      const faces = await rk.engine.indexPhoto(ctx, photo.eventId, photo.id, jpeg);
      const { width, height } = result;
      const records = faces.map((f) => ({
        faceId: f.faceId,
        box: {
          x: Math.round(f.box.x * width),
          y: Math.round(f.box.y * height),
          width: Math.round(f.box.width * width),
          height: Math.round(f.box.height * height),
        },
        score: f.confidence / 100,
        descriptor: NO_DESCRIPTOR,
      }));
      const added = await rk.locks.shared(photo.eventId, async () => {
        try {
          const matches = await rk.engine.matchFaces(ctx, photo.eventId, faces, candidatesOf(acceptedAttendees(photo.eventId)));
          return savePhoto(photo.id, photo.eventId, { width, height }, records, matches);
        } catch (err) {
          // The next try indexes the photo again: drop this try's faces now if AWS lets us.
          await rk.engine
            .deleteFaces(
              photo.eventId,
              faces.map((f) => f.faceId),
              { deadline: Date.now() + 5000 },
            )
            .catch(() => undefined);
          throw err;
        }
      });
      deps.onTimings?.({ ...result.timings, facesMs: performance.now() - t0, matchMs: 0, dbMs: 0 });
      return { ok: true, faceCount: faces.length, added };
    },

    async selfie(selfie, uploadPath) {
      const image = await deps.pool.run({ kind: 'selfie-image', uploadPath, outputPath: deps.files.selfie(selfie.eventId, selfie.id) });
      if (!image.readable) return { ok: false, reason: 'unreadable_image' };
      const ctx = rk.context(selfie.eventId);
      const verdict = await rk.engine.indexSelfie(ctx, selfie.eventId, selfie.attendeeId, image.jpeg, image);
      if (!verdict.accepted) {
        acceptance.reject(selfie, verdict.reason);
        return { ok: true };
      }
      const attendees = deps.selfies.acceptedAttendeeIds(selfie.eventId).add(selfie.attendeeId);
      try {
        const added = await rk.locks.exclusive(selfie.eventId, async () => {
          const found = await rk.engine.rematchSelfie(ctx, selfie.eventId, selfie.attendeeId, verdict.faceId, candidatesOf(attendees), (faceIds) =>
            rk.repo.photoFacesByIds(selfie.eventId, faceIds),
          );
          return acceptSelfie(selfie, verdict.faceId, found);
        });
        acceptance.announceAccepted(selfie, added);
        return { ok: true };
      } catch (err) {
        // The next try indexes the selfie again: drop this face now if AWS lets us.
        await rk.engine.deleteFaces(selfie.eventId, [verdict.faceId], { deadline: Date.now() + 5000 }).catch(() => undefined);
        throw err;
      }
    },
  };
}
