// The one owner of a photo's status: every change is written here and announced on the live
// bus (the dashboard's grid and counters follow it). The statuses that come with a result
// (done, no_faces, and queued or failed at ingest) are written in the transaction that saves
// that result; this module announces them.
import type { PhotoRow, PhotosRepo, PhotoStatus } from '../db/repositories/photos-repo.js';
import type { LiveBus } from '../live/live-bus.js';

type PhotoRef = Pick<PhotoRow, 'id' | 'eventId' | 'fileName'>;

export function createPhotoStatus(deps: { photos: Pick<PhotosRepo, 'setStatus' | 'findById'>; bus: LiveBus }) {
  const announce = (p: PhotoRef, status: PhotoStatus, faceCount = 0, error?: string | null) =>
    deps.bus.emit('photo', { eventId: p.eventId, photoId: p.id, fileName: p.fileName, status, faceCount, ...(error && { error }) });

  return {
    /** A photo taken in (its row written with the file's status by the ingest's transaction). */
    added: (p: PhotoRef, status: PhotoStatus, error: string | null) => announce(p, status, 0, error),
    processing(p: PhotoRef) {
      deps.photos.setStatus(p.id, 'processing');
      announce(p, 'processing');
    },
    /** Faces saved (status written with them), and the attendees it was just matched to. */
    finished(p: PhotoRef, faceCount: number, added: { attendeeId: string }[]) {
      announce(p, faceCount ? 'done' : 'no_faces', faceCount);
      const matchedAt = Date.now();
      for (const m of added) deps.bus.emit('match', { attendeeId: m.attendeeId, eventId: p.eventId, photoId: p.id, matchedAt });
    },
    failed(p: PhotoRef, reason: string) {
      deps.photos.setStatus(p.id, 'failed', reason);
      announce(p, 'failed', 0, reason);
    },
    /** Its job was queued again (a retry by the operator). */
    requeued(photoId: string) {
      const p = deps.photos.findById(photoId);
      if (!p) return;
      deps.photos.setStatus(p.id, 'queued');
      announce(p, 'queued');
    },
  };
}
export type PhotoStatusOwner = ReturnType<typeof createPhotoStatus>;
