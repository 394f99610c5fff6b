// An attendee's own photos: the gallery page, the image files, "not me", the ZIP list and
// the deletion of the account. Every lookup is scoped by the caller: a photo they are not
// matched in does not exist for them.
import { rm } from 'node:fs/promises';
import { forgetNow, type Db } from '../db/database.js';
import type { AttendeeRow, AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { WallRepo } from '../db/repositories/wall-repo.js';
import { AppError } from '../util/app-error.js';
import type { EventFiles } from '../storage/event-files.js';

export type PhotoSize = 'thumb' | 'preview' | 'original';

export interface GalleryDeps {
  db: Db;
  attendees: Pick<AttendeesRepo, 'remove'>;
  photos: PhotosRepo;
  selfies: SelfiesRepo;
  matches: MatchesRepo;
  files: EventFiles;
  /** The photo wall: what an attendee leaves or refuses never appears on it. */
  wall?: Pick<WallRepo, 'block' | 'blockMatchedTo'>;
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
      if (size === 'original') return { path: deps.files.original(photo.eventId, photo.id, photo.ext), ext: photo.ext, fileName: photo.fileName };
      const path = size === 'thumb' ? deps.files.thumb(photo.eventId, photo.id) : deps.files.preview(photo.eventId, photo.id);
      return { path, ext: '.jpg', fileName: photo.fileName };
    },

    notMe(attendee: AttendeeRow, photoId: string) {
      ownPhoto(attendee, photoId);
      deps.wall?.block(photoId, 'not_me', Date.now()); // first: off the wall even if the refusal fails
      deps.matches.refuse(photoId, attendee.id);
    },

    /** Originals of the caller's photos, newest first, for the ZIP. */
    zipEntries(attendee: AttendeeRow) {
      return deps.matches.photoIdsOf(attendee.id).flatMap((id, i) => {
        const photo = deps.photos.findById(id);
        if (!photo) return [];
        return [{ path: deps.files.original(photo.eventId, photo.id, photo.ext), name: `findme-${String(i + 1).padStart(4, '0')}${photo.ext}` }];
      });
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
