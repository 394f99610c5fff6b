// The photo job: renditions and faces in a worker, then faces saved and matched to the
// event's attendees in one transaction (running it twice gives the same result).
import type { Db } from '../db/database.js';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import { matchFaces } from '../faces/matcher.js';
import type { JobHandler } from '../jobs/scheduler.js';
import type { LiveBus } from '../live/live-bus.js';
import type { EventFiles } from '../storage/event-files.js';
import type { ImagePool } from '../workers/image-pool.js';
import type { StageTimings } from '../workers/image-tasks.js';

export interface PhotoJobDeps {
  db: Db;
  photos: PhotosRepo;
  selfies: SelfiesRepo;
  matches: MatchesRepo;
  files: EventFiles;
  pool: ImagePool;
  bus: LiveBus;
  matchThreshold: () => number;
  onTimings?: (t: StageTimings & { matchMs: number; dbMs: number }) => void;
  now?: () => number;
}

export function createPhotoJob(deps: PhotoJobDeps): JobHandler {
  const now = deps.now ?? Date.now;

  const save = deps.db.transaction((photoId: string, eventId: string, result: { width: number; height: number; faces: { box: { x: number; y: number; width: number; height: number }; score: number; descriptor: Float32Array }[] }) => {
    const faces = result.faces.map((f, faceIndex) => ({ ...f, faceIndex }));
    deps.photos.saveResult(photoId, eventId, { width: result.width, height: result.height, faces }, now());
    const t0 = performance.now();
    const found = matchFaces(faces.map((f) => ({ photoId, faceIndex: f.faceIndex, descriptor: f.descriptor })), deps.selfies.acceptedDescriptors(eventId), deps.matchThreshold());
    const matchMs = performance.now() - t0;
    return { added: deps.matches.insertMany(found.map((m) => ({ ...m, eventId })), now()), matchMs };
  });

  return {
    async run(job: JobRow) {
      const photo = deps.photos.findById(job.refId);
      if (!photo) return; // deleted with its event meanwhile
      deps.photos.setStatus(photo.id, 'processing');
      deps.bus.emit('photo', { eventId: photo.eventId, photoId: photo.id, fileName: photo.fileName, status: 'processing', faceCount: 0 });
      const result = await deps.pool.run({
        kind: 'photo',
        originalPath: deps.files.original(photo.eventId, photo.id, photo.ext),
        previewPath: deps.files.preview(photo.eventId, photo.id),
        thumbPath: deps.files.thumb(photo.eventId, photo.id),
      });
      const t0 = performance.now();
      const { added, matchMs } = save(photo.id, photo.eventId, result);
      deps.onTimings?.({ ...result.timings, matchMs, dbMs: performance.now() - t0 - matchMs });
      const matchedAt = now();
      deps.bus.emit('photo', { eventId: photo.eventId, photoId: photo.id, fileName: photo.fileName, status: result.faces.length ? 'done' : 'no_faces', faceCount: result.faces.length });
      for (const m of added) deps.bus.emit('match', { attendeeId: m.attendeeId, eventId: photo.eventId, photoId: photo.id, matchedAt });
    },
    failed(job, reason) {
      const photo = deps.photos.findById(job.refId);
      if (!photo) return;
      deps.photos.setStatus(photo.id, 'failed', reason);
      deps.bus.emit('photo', { eventId: photo.eventId, photoId: photo.id, fileName: photo.fileName, status: 'failed', faceCount: 0, error: reason });
    },
  };
}
