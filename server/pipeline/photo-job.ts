// The photo job: renditions (and, for the local engine, faces) in a worker, then faces saved
// and matched to the event's attendees in one transaction (running it twice gives the same
// result). With Rekognition the worker only makes the renditions and the preview JPEG is sent
// to Rekognition from here (I/O, not CPU); a job whose event is switched back to the local
// engine while it waits for AWS finishes with the local engine.
import { readFile } from 'node:fs/promises';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { MatchInsert } from '../db/repositories/matches-repo.js';
import type { FaceRecord, PhotoRow } from '../db/repositories/photos-repo.js';
import { matchFaces } from '../faces/matcher.js';
import { EngineSwitchedError } from '../faces/rekognition/caller.js';
import { candidatesOf } from '../faces/rekognition/rekognition-engine.js';
import type { JobHandler } from '../jobs/scheduler.js';
import { PERMANENT_PREFIX, type StageTimings } from '../workers/image-tasks.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { NO_DESCRIPTOR, REKOGNITION_MAX_BYTES, REKOGNITION_MODEL, similarityToDistance, type RekognitionPipeline } from './engine-choice.js';

export interface PhotoJobDeps extends PipelineDeps {
  onTimings?: (t: StageTimings & { matchMs: number; dbMs: number }) => void;
}

interface Outcome { faceCount: number; added: MatchInsert[] }

export function createPhotoJob(deps: PhotoJobDeps): JobHandler {
  const now = deps.now ?? Date.now;
  const acceptedAttendees = (eventId: string) => deps.selfies.acceptedAttendeeIds(eventId);

  const saveLocal = deps.db.transaction((photoId: string, eventId: string, result: { width: number; height: number; faces: Omit<FaceRecord, 'faceIndex'>[] }) => {
    const faces = result.faces.map((f, faceIndex) => ({ ...f, faceIndex }));
    deps.photos.saveResult(photoId, eventId, deps.modelId, { width: result.width, height: result.height, faces }, now());
    const t0 = performance.now();
    const toMatch = faces.map((f) => ({ photoId, faceIndex: f.faceIndex, descriptor: f.descriptor, width: f.box.width }));
    const found = matchFaces(toMatch, deps.selfies.acceptedDescriptors(eventId, deps.modelId), deps.matchRule());
    const matchMs = performance.now() - t0;
    return { added: deps.matches.insertMany(found.map((m) => ({ ...m, eventId })), now()), matchMs };
  });

  const saveRekognition = deps.db.transaction((photoId: string, eventId: string, size: { width: number; height: number },
    faces: (Omit<FaceRecord, 'faceIndex'> & { faceId: string })[], found: { faceIndex: number; attendeeId: string; similarity: number }[]) => {
    deps.photos.saveResult(photoId, eventId, REKOGNITION_MODEL, { ...size, faces: faces.map((f, faceIndex) => ({ ...f, faceIndex })) }, now());
    deps.rekognition!.repo.setPhotoFaceIds(photoId, faces.map((f) => f.faceId));
    const still = acceptedAttendees(eventId); // an attendee deleted meanwhile is not matched
    const rows = found.filter((m) => still.has(m.attendeeId))
      .map((m) => ({ photoId, eventId, attendeeId: m.attendeeId, faceIndex: m.faceIndex, distance: similarityToDistance(m.similarity) }));
    return deps.matches.insertMany(rows, now());
  });

  const pathsOf = (photo: PhotoRow) => ({
    originalPath: deps.files.original(photo.eventId, photo.id, photo.ext),
    previewPath: deps.files.preview(photo.eventId, photo.id),
    thumbPath: deps.files.thumb(photo.eventId, photo.id),
  });

  async function viaLocal(photo: PhotoRow): Promise<Outcome> {
    const result = await deps.pool.run({ kind: 'photo', ...pathsOf(photo) });
    const t0 = performance.now();
    const { added, matchMs } = saveLocal(photo.id, photo.eventId, result);
    deps.onTimings?.({ ...result.timings, matchMs, dbMs: performance.now() - t0 - matchMs });
    return { faceCount: result.faces.length, added };
  }

  async function viaRekognition(photo: PhotoRow, rk: RekognitionPipeline): Promise<Outcome> {
    const paths = pathsOf(photo);
    const result = await deps.pool.run({ kind: 'photo', ...paths, detectFaces: false });
    const jpeg = await readFile(paths.previewPath);
    if (jpeg.length > REKOGNITION_MAX_BYTES) throw new Error(`${PERMANENT_PREFIX}image_too_large: the preview sent to Rekognition is over 5 MB`);
    const ctx = rk.context(photo.eventId);
    const t0 = performance.now();
    // A second run (crash, retry) replaces the faces the first one indexed.
    await rk.engine.deleteFaces(photo.eventId, rk.repo.photoFaceIds(photo.id), ctx);
    const faces = await rk.engine.indexPhoto(ctx, photo.eventId, photo.id, jpeg);
    const { width, height } = result;
    const records = faces.map((f) => ({
      faceId: f.faceId,
      box: { x: Math.round(f.box.x * width), y: Math.round(f.box.y * height), width: Math.round(f.box.width * width), height: Math.round(f.box.height * height) },
      score: f.confidence / 100,
      descriptor: NO_DESCRIPTOR,
    }));
    const added = await rk.locks.shared(photo.eventId, async () => {
      try {
        const matches = await rk.engine.matchFaces(ctx, photo.eventId, faces, candidatesOf(acceptedAttendees(photo.eventId)));
        return saveRekognition(photo.id, photo.eventId, { width, height }, records, matches);
      } catch (err) {
        // The next try indexes the photo again: drop this try's faces now if AWS lets us.
        await rk.engine.deleteFaces(photo.eventId, faces.map((f) => f.faceId), { deadline: Date.now() + 5000 }).catch(() => undefined);
        throw err;
      }
    });
    deps.onTimings?.({ ...result.timings, facesMs: performance.now() - t0, matchMs: 0, dbMs: 0 });
    return { faceCount: faces.length, added };
  }

  return {
    async run(job: JobRow) {
      const photo = deps.photos.findById(job.refId);
      if (!photo) return; // deleted with its event meanwhile
      deps.photos.setStatus(photo.id, 'processing');
      deps.bus.emit('photo', { eventId: photo.eventId, photoId: photo.id, fileName: photo.fileName, status: 'processing', faceCount: 0 });
      let outcome: Outcome | undefined;
      if (deps.rekognition && deps.engineFor?.(photo.eventId) === 'rekognition') {
        try {
          outcome = await viaRekognition(photo, deps.rekognition);
        } catch (err) {
          if (!(err instanceof EngineSwitchedError)) throw err;
        }
      }
      outcome ??= await viaLocal(photo);
      const matchedAt = now();
      deps.bus.emit('photo', { eventId: photo.eventId, photoId: photo.id, fileName: photo.fileName, status: outcome.faceCount ? 'done' : 'no_faces', faceCount: outcome.faceCount });
      for (const m of outcome.added) deps.bus.emit('match', { attendeeId: m.attendeeId, eventId: photo.eventId, photoId: photo.id, matchedAt });
    },
    failed(job, reason) {
      const photo = deps.photos.findById(job.refId);
      if (!photo) return;
      deps.photos.setStatus(photo.id, 'failed', reason);
      deps.bus.emit('photo', { eventId: photo.eventId, photoId: photo.id, fileName: photo.fileName, status: 'failed', faceCount: 0, error: reason });
    },
  };
}
