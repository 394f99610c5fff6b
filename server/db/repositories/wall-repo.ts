// The walls and wall_photos tables: each event's wall switch and key, the operator's decision on
// each photo, and the blocks (an attendee in the photo deleted their account or said "not me").
import type { WallBlockReason, WallCounts, WallPhotoState } from '../../contract/wall.js';
import type { Db } from '../database.js';

export interface WallRow {
  eventId: string;
  key: string;
  enabledAt: number;
}

export interface WallPhotoRow {
  id: string;
  fileName: string;
  createdAt: number;
  approvedAt: number | null;
  hiddenAt: number | null;
  blocked: WallBlockReason | null;
}

// Only processed photos have the preview the wall shows.
const READY = "p.status IN ('done', 'no_faces')";
/** A photo the wall may show: approved, not blocked, processed, and nobody refused it ("not me"). */
const ON_WALL = `w.approved_at IS NOT NULL AND w.blocked IS NULL AND ${READY}
  AND NOT EXISTS (SELECT 1 FROM match_rejections r WHERE r.photo_id = w.photo_id)`;
const STATE_WHERE: Record<WallPhotoState, string> = {
  pending: 'w.blocked IS NULL AND w.approved_at IS NULL AND w.hidden_at IS NULL',
  approved: 'w.blocked IS NULL AND w.approved_at IS NOT NULL',
  hidden: 'w.blocked IS NULL AND w.approved_at IS NULL AND w.hidden_at IS NOT NULL',
  blocked: 'w.blocked IS NOT NULL',
};
const PHOTO_COLUMNS = `p.id, p.file_name AS fileName, p.created_at AS createdAt, w.approved_at AS approvedAt, w.hidden_at AS hiddenAt, w.blocked`;
// A block, once written, stays (the first reason is kept).
const KEEP_BLOCK = 'ON CONFLICT(photo_id) DO UPDATE SET blocked = COALESCE(blocked, excluded.blocked), blocked_at = COALESCE(blocked_at, excluded.blocked_at)';

export function createWallRepo(db: Db) {
  const wallOf = db.prepare('SELECT event_id AS eventId, wall_key AS key, enabled_at AS enabledAt FROM walls WHERE event_id = ?');
  const wallByKey = db.prepare('SELECT event_id AS eventId, wall_key AS key, enabled_at AS enabledAt FROM walls WHERE wall_key = ?');
  const insertWall = db.prepare('INSERT OR IGNORE INTO walls (event_id, wall_key, enabled_at) VALUES (?, ?, ?)');
  const deleteWall = db.prepare('DELETE FROM walls WHERE event_id = ?');
  const decide = db.prepare(`INSERT INTO wall_photos (photo_id, event_id, approved_at, hidden_at) VALUES (@photoId, @eventId, @approvedAt, @hiddenAt)
    ON CONFLICT(photo_id) DO UPDATE SET approved_at = excluded.approved_at, hidden_at = excluded.hidden_at`);
  const blockPhoto = db.prepare(`INSERT INTO wall_photos (photo_id, event_id, blocked, blocked_at)
    SELECT id, event_id, @reason, @now FROM photos WHERE id = @photoId ${KEEP_BLOCK}`);
  const blockMatched = db.prepare(`INSERT INTO wall_photos (photo_id, event_id, blocked, blocked_at)
    SELECT photo_id, event_id, @reason, @now FROM matches WHERE attendee_id = @attendeeId ${KEEP_BLOCK}`);
  const photo = db.prepare(
    `SELECT ${PHOTO_COLUMNS}, p.event_id AS eventId, p.status FROM photos p LEFT JOIN wall_photos w ON w.photo_id = p.id WHERE p.id = ?`,
  );
  const listOf = (state: WallPhotoState) =>
    db.prepare<[string, number, number]>(`SELECT ${PHOTO_COLUMNS} FROM photos p LEFT JOIN wall_photos w ON w.photo_id = p.id
      WHERE p.event_id = ? AND ${READY} AND ${STATE_WHERE[state]}
      ORDER BY ${state === 'approved' ? 'w.approved_at DESC,' : ''} p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`);
  const lists = { pending: listOf('pending'), approved: listOf('approved'), hidden: listOf('hidden'), blocked: listOf('blocked') };
  const counts = db.prepare(`SELECT
      COALESCE(SUM(${STATE_WHERE.pending}), 0) AS pending,
      COALESCE(SUM(${STATE_WHERE.approved}), 0) AS approved,
      COALESCE(SUM(${STATE_WHERE.hidden}), 0) AS hidden,
      COALESCE(SUM(${STATE_WHERE.blocked}), 0) AS blocked
    FROM photos p LEFT JOIN wall_photos w ON w.photo_id = p.id WHERE p.event_id = ? AND ${READY}`);
  const onWall = db.prepare(`SELECT w.photo_id AS id FROM wall_photos w JOIN photos p ON p.id = w.photo_id
    WHERE w.event_id = ? AND ${ON_WALL} ORDER BY w.approved_at DESC, w.photo_id DESC LIMIT ?`);
  const isOnWall = db.prepare(`SELECT EXISTS(SELECT 1 FROM wall_photos w JOIN photos p ON p.id = w.photo_id
    WHERE w.photo_id = ? AND w.event_id = ? AND ${ON_WALL}) AS e`);

  return {
    findByEvent: (eventId: string) => wallOf.get(eventId) as WallRow | undefined,
    findByKey: (key: string) => wallByKey.get(key) as WallRow | undefined,
    /** Turns the wall on with this key unless it is on already; returns the wall in force. */
    enable(eventId: string, key: string, now: number): WallRow {
      insertWall.run(eventId, key, now);
      return wallOf.get(eventId) as WallRow;
    },
    disable: (eventId: string) => deleteWall.run(eventId).changes > 0,
    photo: (photoId: string) => photo.get(photoId) as (WallPhotoRow & { eventId: string; status: string }) | undefined,
    decide(photoId: string, eventId: string, approved: boolean, now: number) {
      decide.run({ photoId, eventId, approvedAt: approved ? now : null, hiddenAt: approved ? null : now });
    },
    block: (photoId: string, reason: WallBlockReason, now: number) => blockPhoto.run({ photoId, reason, now }),
    /** Blocks every photo the attendee is matched in (before their matches are deleted). */
    blockMatchedTo: (attendeeId: string, reason: WallBlockReason, now: number) => blockMatched.run({ attendeeId, reason, now }),
    list: (eventId: string, state: WallPhotoState, limit: number, offset: number) => lists[state].all(eventId, limit, offset) as WallPhotoRow[],
    counts: (eventId: string) => counts.get(eventId) as WallCounts,
    /** Ids of the photos the wall shows, newest approval first. */
    onWall: (eventId: string, limit: number) => (onWall.all(eventId, limit) as { id: string }[]).map((r) => r.id),
    isOnWall: (eventId: string, photoId: string) => (isOnWall.get(photoId, eventId) as { e: number }).e === 1,
  };
}
export type WallRepo = ReturnType<typeof createWallRepo>;
