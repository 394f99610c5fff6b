// The live photo wall: the event's switch (a new secret key each time it is turned on), the
// operator's approvals, and what the wall page may read by that key: the approved photos' ids
// and previews, never a name.
import { randomBytes } from 'node:crypto';
import type { WallModerationList, WallModerationPhoto, WallPhotoState } from '../contract/wall.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { WallPhotoRow, WallRepo } from '../db/repositories/wall-repo.js';
import type { EventFiles } from '../storage/event-files.js';
import { AppError } from '../util/app-error.js';

export interface WallServiceDeps {
  repo: WallRepo;
  events: Pick<EventsRepo, 'findById'>;
  files: Pick<EventFiles, 'preview'>;
  now?: () => number;
}

/** The most photos the wall cycles through (the newest approvals). */
export const WALL_MAX_PHOTOS = 100;

const noWall = () => new AppError(404, 'not_found', 'No such wall.');
const noPhoto = () => new AppError(404, 'not_found', 'No such photo.');
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function stateOf(row: WallPhotoRow): WallPhotoState {
  if (row.blocked) return 'blocked';
  if (row.approvedAt !== null) return 'approved';
  return row.hiddenAt !== null ? 'hidden' : 'pending';
}

const toModeration = (row: WallPhotoRow): WallModerationPhoto => ({
  id: row.id,
  fileName: row.fileName,
  createdAt: new Date(row.createdAt).toISOString(),
  state: stateOf(row),
  approvedAt: iso(row.approvedAt),
  blockedReason: row.blocked,
});

export function createWallService(deps: WallServiceDeps) {
  const now = deps.now ?? Date.now;
  const eventOf = (eventId: string) => {
    const event = deps.events.findById(eventId);
    if (!event) throw new AppError(404, 'event_not_found', 'No such event.');
    return event;
  };
  const wallOf = (key: string) => {
    const wall = deps.repo.findByKey(key);
    const event = wall && deps.events.findById(wall.eventId);
    if (!wall || !event) throw noWall();
    return { wall, event };
  };

  return {
    /** The wall's key, or null when it is off. */
    key(eventId: string): string | null {
      eventOf(eventId);
      return deps.repo.findByEvent(eventId)?.key ?? null;
    },

    /** On: a new unguessable key unless it is on already. Off: the key is forgotten, its address stops working. */
    setEnabled(eventId: string, enabled: boolean): string | null {
      eventOf(eventId);
      if (!enabled) {
        deps.repo.disable(eventId);
        return null;
      }
      return deps.repo.enable(eventId, randomBytes(24).toString('base64url'), now()).key;
    },

    moderation(eventId: string, state: WallPhotoState, limit: number, offset: number): WallModerationList {
      eventOf(eventId);
      return { counts: deps.repo.counts(eventId), photos: deps.repo.list(eventId, state, limit, offset).map(toModeration) };
    },

    /** The operator puts a photo on the wall (approved) or keeps it off (hidden). */
    decide(photoId: string, approved: boolean): WallModerationPhoto {
      const row = deps.repo.photo(photoId);
      if (!row) throw noPhoto();
      if (row.blocked)
        throw new AppError(409, 'wall_photo_blocked', 'An attendee in this photo deleted their account or said it is not them: it cannot go on the wall.');
      if (row.status !== 'done' && row.status !== 'no_faces') throw new AppError(409, 'wall_photo_not_ready', 'This photo is not processed yet.');
      deps.repo.decide(photoId, row.eventId, approved, now());
      return toModeration(deps.repo.photo(photoId)!);
    },

    /** What the wall page shows: the event's name and the approved photos, newest approval first. */
    publicWall(key: string) {
      const { event } = wallOf(key);
      const base = `/api/wall/${encodeURIComponent(key)}/photos/`;
      return { eventName: event.name, photos: deps.repo.onWall(event.id, WALL_MAX_PHOTOS).map((id) => ({ id, url: base + encodeURIComponent(id) })) };
    },

    /** The preview file of a photo on this wall; 404 for anything else. */
    publicPreview(key: string, photoId: string): string {
      const { event } = wallOf(key);
      if (!deps.repo.isOnWall(event.id, photoId)) throw noPhoto();
      return deps.files.preview(event.id, photoId);
    },
  };
}
export type WallService = ReturnType<typeof createWallService>;
