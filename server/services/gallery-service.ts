// An attendee's own photos: the gallery page, the image files, "not me", the ZIP list and
// the deletion of the account. Every lookup is scoped by the caller: a photo they are not
// matched in does not exist for them.
import { rm } from 'node:fs/promises';
import { forgetNow, type Db } from '../db/database.js';
import type { AttendeeRow, AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { WallRepo } from '../db/repositories/wall-repo.js';
import { AppError } from '../util/app-error.js';
import type { EventFiles } from '../storage/event-files.js';
import { photoDownloadName, zipDownloadName } from './download-names.js';
import { createNotMeUndo } from './not-me-undo.js';

export type PhotoSize = 'thumb' | 'preview' | 'original';

export interface GalleryDeps {
  db: Db;
  attendees: Pick<AttendeesRepo, 'remove'>;
  photos: PhotosRepo;
  selfies: SelfiesRepo;
  matches: MatchesRepo;
  events: Pick<EventsRepo, 'findById'>;
  files: EventFiles;
  /** The photo wall: what an attendee leaves or refuses never appears on it. */
  wall?: Pick<WallRepo, 'block' | 'blockMatchedTo'>;
  /** How long a "This isn't me" can be taken back; 30 s by default. */
  undoWindowMs?: number;
  now?: () => number;
}

const encodeCursor = (at: number, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'number' && typeof id === 'string') return { at, id };
  } catch {
    // fall through
  }
  throw new AppError(400, 'invalid_request', 'This cursor is not valid: start again without one.');
}

const noSuchPhoto = () => new AppError(404, 'not_found', 'No such photo.');

export function createGalleryService(deps: GalleryDeps) {
  const deleteRows = deps.db.transaction((attendeeId: string) => {
    deps.wall?.blockMatchedTo(attendeeId, 'account_deleted', Date.now()); // while their matches still say which photos
    deps.photos.forgetFacesMatchedTo(attendeeId); // their descriptors identify the person too
    deps.attendees.remove(attendeeId); // sessions, selfies, matches and refusals cascade
  });

  const undo = createNotMeUndo({ windowMs: deps.undoWindowMs ?? 30_000, now: deps.now ?? (() => Date.now()) });
  const eventName = (eventId: string) => deps.events.findById(eventId)?.name ?? 'FindMe';

  function ownPhoto(attendee: AttendeeRow, photoId: string) {
    if (!deps.matches.exists(photoId, attendee.id)) throw noSuchPhoto();
    const photo = deps.photos.findById(photoId);
    if (!photo || photo.eventId !== attendee.eventId) throw noSuchPhoto();
    return photo;
  }

  return {
    page(attendee: AttendeeRow, cursor: string | undefined, limit: number) {
      const rows = deps.matches.page(attendee.id, decodeCursor(cursor), limit + 1);
      const more = rows.length > limit;
      const photos = rows.slice(0, limit).map((r) => ({
        id: r.photoId,
        thumbUrl: `/api/photo/${r.photoId}?size=thumb`,
        previewUrl: `/api/photo/${r.photoId}?size=preview`,
        width: r.width ?? 0,
        height: r.height ?? 0,
        matchedAt: new Date(r.matchedAt).toISOString(),
      }));
      const last = rows[limit - 1];
      return { photos, nextCursor: more && last ? encodeCursor(last.matchedAt, last.photoId) : null };
    },

    /** The file of one of the caller's photos. */
    photoFile(attendee: AttendeeRow, photoId: string, size: PhotoSize) {
      const photo = ownPhoto(attendee, photoId);
      if (size === 'original') {
        const downloadName = photoDownloadName(eventName(photo.eventId), photo.createdAt, deps.matches.rank(photoId, attendee.id), photo.ext);
        return { path: deps.files.original(photo.eventId, photo.id, photo.ext), ext: photo.ext, fileName: photo.fileName, downloadName };
      }
      const path = size === 'thumb' ? deps.files.thumb(photo.eventId, photo.id) : deps.files.preview(photo.eventId, photo.id);
      return { path, ext: '.jpg', fileName: photo.fileName, downloadName: null };
    },

    notMe(attendee: AttendeeRow, photoId: string) {
      ownPhoto(attendee, photoId);
      deps.wall?.block(photoId, 'not_me', Date.now()); // first: off the wall even if the refusal fails
      const row = deps.matches.find(photoId, attendee.id);
      if (row && deps.matches.refuse(photoId, attendee.id)) undo.keep(row);
    },

    /** Takes back a recent "This isn't me": the photo is in the gallery again, where it was. */
    undoNotMe(attendee: AttendeeRow, photoId: string) {
      const row = undo.take(attendee.id, photoId);
      let restored: boolean;
      try {
        restored = row !== null && deps.matches.restore(row);
      } catch {
        restored = false; // the photo was deleted meanwhile
      }
      if (!restored) throw new AppError(410, 'undo_expired', 'This can no longer be undone.');
    },

    /**
     * Originals of the caller's photos, newest first, for the ZIP, named as each is when
     * downloaded alone; the ZIP is named by the event and the day of its first photo.
     */
    zip(attendee: AttendeeRow) {
      const name = eventName(attendee.eventId);
      const ids = deps.matches.photoIdsOf(attendee.id);
      let first = Date.now();
      const entries = ids.flatMap((id, i) => {
        const photo = deps.photos.findById(id);
        if (!photo) return [];
        first = Math.min(first, photo.createdAt);
        return [{ path: deps.files.original(photo.eventId, photo.id, photo.ext), name: photoDownloadName(name, photo.createdAt, ids.length - i, photo.ext) }];
      });
      return { entries, fileName: zipDownloadName(name, first) };
    },

    /**
     * Deletes the attendee with their sessions, selfies (rows, descriptors and files), matches
     * and the descriptors of the faces matched to them, leaving nothing readable in the files.
     */
    /** What /api/me adds to the attendee: their selfies and how many photos they are in. */
    meDetails(attendeeId: string) {
      return {
        selfies: deps.selfies.listByAttendee(attendeeId).map((s) => ({ id: s.id, status: s.status, ...(s.reason && { reason: s.reason }) })),
        photoCount: deps.matches.countForAttendee(attendeeId),
      };
    },
    async deleteAccount(attendee: AttendeeRow) {
      const selfies = deps.selfies.listByAttendee(attendee.id);
      deleteRows(attendee.id);
      forgetNow(deps.db);
      await Promise.all(
        selfies.flatMap((s) => [rm(deps.files.selfie(s.eventId, s.id), { force: true }), rm(deps.files.selfieUpload(s.eventId, s.id), { force: true })]),
      );
    },
  };
}
export type GalleryService = ReturnType<typeof createGalleryService>;
