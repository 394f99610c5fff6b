// A photo's page for the operator: the photo with each face and the attendee it went to; a face
// given to an attendee or taken away (decisions that automatic matching never undoes: a face
// taken away is a "not me" for that attendee, a face given is the operator's match); a photo
// deleted with its files, rows and job, and the phones that showed it told at once.
import { rm } from 'node:fs/promises';
import type { AttendeeRef, PhotoDetail } from '../contract/admin.js';
import { forgetNow, type Db } from '../db/database.js';
import type { AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { JobsRepo } from '../db/repositories/jobs-repo.js';
import type { MatchesRepo, PhotoMatch } from '../db/repositories/matches-repo.js';
import type { PhotoRow, PhotosRepo } from '../db/repositories/photos-repo.js';
import type { LiveBus } from '../live/live-bus.js';
import type { EventFiles } from '../storage/event-files.js';
import { AppError } from '../util/app-error.js';

export interface PhotoReviewDeps {
  db: Db;
  photos: Pick<PhotosRepo, 'findById' | 'faces' | 'remove'>;
  matches: Pick<MatchesRepo, 'ofPhoto' | 'give' | 'refuse'>;
  jobs: Pick<JobsRepo, 'removeFor'>;
  attendees: Pick<AttendeesRepo, 'findById'>;
  files: EventFiles;
  bus: Pick<LiveBus, 'emit'>;
  /** The photo's faces kept outside (Rekognition's collection): read before, forgotten after the deletion. */
  remoteFaces?: { ids: (photoId: string) => string[]; forget: (eventId: string, faceIds: string[]) => Promise<void> };
  now?: () => number;
}

const noSuchPhoto = () => new AppError(404, 'not_found', 'No such photo.');

/** Of several attendees on one face (an older automatic match), the operator's, else the nearest. */
const holderOf = (matches: PhotoMatch[], faceIndex: number) =>
  matches.filter((m) => m.faceIndex === faceIndex).sort((a, b) => Number(b.byOperator) - Number(a.byOperator) || a.distance - b.distance)[0];

export function createPhotoReviewService(deps: PhotoReviewDeps) {
  const now = deps.now ?? Date.now;

  function requirePhoto(photoId: string): PhotoRow {
    const photo = deps.photos.findById(photoId);
    if (!photo) throw noSuchPhoto();
    return photo;
  }

  function refOf(attendeeId: string): AttendeeRef | null {
    const a = deps.attendees.findById(attendeeId);
    return a ? { id: a.id, displayName: a.displayName, username: a.username } : null;
  }

  function detail(photo: PhotoRow): PhotoDetail {
    const matches = deps.matches.ofPhoto(photo.id);
    const faces = deps.photos.faces(photo.id).map((f) => {
      const m = holderOf(matches, f.faceIndex);
      return {
        index: f.faceIndex,
        box: f.box,
        attendeeId: m?.attendeeId ?? null,
        attendee: m ? refOf(m.attendeeId) : null,
        distance: m && !m.byOperator ? m.distance : null,
        byOperator: m?.byOperator ?? false,
      };
    });
    const boxed = new Set(faces.map((f) => f.attendeeId));
    const unplaced = matches.flatMap((m) => (boxed.has(m.attendeeId) ? [] : [refOf(m.attendeeId)].filter((r): r is AttendeeRef => r !== null)));
    return {
      photo: {
        id: photo.id,
        eventId: photo.eventId,
        fileName: photo.fileName,
        status: photo.status,
        width: photo.width,
        height: photo.height,
        faceCount: photo.faceCount,
        createdAt: new Date(photo.createdAt).toISOString(),
        previewUrl: `/api/admin/photos/${photo.id}/preview`,
        ...(photo.error && { error: photo.error }),
      },
      faces,
      unplaced,
    };
  }

  return {
    get: (photoId: string) => detail(requirePhoto(photoId)),

    /** Where the photo's preview is (it may not be made yet), or null for an unknown photo. */
    previewPath(photoId: string): string | null {
      const photo = deps.photos.findById(photoId);
      return photo ? deps.files.preview(photo.eventId, photo.id) : null;
    },

    /** Face `index` is `attendeeId`'s (taken from whoever had it), or no one's (null). */
    assign(photoId: string, index: number, attendeeId: string | null): PhotoDetail {
      const photo = requirePhoto(photoId);
      if (!deps.photos.faces(photoId).some((f) => f.faceIndex === index)) throw new AppError(404, 'face_not_found', 'This photo has no such face.');
      if (attendeeId !== null && deps.attendees.findById(attendeeId)?.eventId !== photo.eventId)
        throw new AppError(400, 'attendee_not_in_event', 'No such attendee at this photo’s event.');
      const { removed, added } = deps.db.transaction(() => {
        const holders = deps.matches.ofPhoto(photoId).filter((m) => m.faceIndex === index && m.attendeeId !== attendeeId);
        for (const h of holders) deps.matches.refuse(photoId, h.attendeeId);
        const isNew = attendeeId !== null && deps.matches.give({ photoId, attendeeId, eventId: photo.eventId, faceIndex: index }, now());
        return { removed: holders.map((h) => h.attendeeId), added: isNew };
      })();
      for (const a of removed) deps.bus.emit('unmatch', { attendeeId: a, eventId: photo.eventId, photoId });
      if (added && attendeeId) deps.bus.emit('match', { attendeeId, eventId: photo.eventId, photoId, matchedAt: now() });
      return detail(photo);
    },

    /**
     * Deletes the photo: its job, faces (descriptors), matches and refusals in one transaction,
     * then its files. A job running on it meanwhile finds nothing to save, and what it writes
     * after this is removed when it ends (jobs/orphan-files.ts).
     */
    async remove(photoId: string): Promise<void> {
      const photo = requirePhoto(photoId);
      const remote = deps.remoteFaces?.ids(photoId) ?? [];
      const holders = deps.db.transaction(() => {
        const had = deps.matches.ofPhoto(photoId).map((m) => m.attendeeId);
        deps.jobs.removeFor('photo', photoId);
        deps.photos.remove(photoId, now());
        return had;
      })();
      forgetNow(deps.db); // the faces' descriptors identify people: not left in the WAL
      const { files } = deps;
      await Promise.all(
        [files.original(photo.eventId, photo.id, photo.ext), files.preview(photo.eventId, photo.id), files.thumb(photo.eventId, photo.id)].map((path) =>
          rm(path, { force: true }),
        ),
      );
      for (const attendeeId of new Set(holders)) deps.bus.emit('unmatch', { attendeeId, eventId: photo.eventId, photoId });
      deps.bus.emit('photo-removed', { eventId: photo.eventId, photoId });
      if (remote.length && deps.remoteFaces) void deps.remoteFaces.forget(photo.eventId, remote);
    },
  };
}
export type PhotoReviewService = ReturnType<typeof createPhotoReviewService>;
