// Which attendee is in which photo, and the "not me" refusals.
import type { Db } from '../database.js';

export interface MatchInsert {
  photoId: string;
  attendeeId: string;
  eventId: string;
  faceIndex: number;
  distance: number;
}

/** A match as stored: what "This isn't me" keeps for a short while, so it can be undone. */
export interface MatchRow extends MatchInsert {
  matchedAt: number;
  /** 1: the operator gave this face to the attendee (automatic matching never takes it away). */
  byOperator?: number;
}

export interface GalleryRow {
  photoId: string;
  matchedAt: number;
  width: number | null;
  height: number | null;
}

export interface PhotoMatch {
  attendeeId: string;
  /** -1: given by the operator to a face that a later description of the photo did not find again. */
  faceIndex: number;
  distance: number;
  byOperator: boolean;
}

export interface RecentMatchRow {
  photoId: string;
  attendeeId: string;
  matchedAt: number;
  attendeeName: string;
  fileName: string;
}

class NotRestored extends Error {}

export function createMatchesRepo(db: Db) {
  // A refused pair never comes back; a pair already there stays as it is (idempotent); a face
  // the operator gave to someone is not given to anyone else.
  const insert = db.prepare(`INSERT INTO matches (photo_id, attendee_id, event_id, face_index, distance, matched_at)
    SELECT @photoId, @attendeeId, @eventId, @faceIndex, @distance, @matchedAt
    WHERE NOT EXISTS (SELECT 1 FROM match_rejections r WHERE r.photo_id = @photoId AND r.attendee_id = @attendeeId)
      AND NOT EXISTS (SELECT 1 FROM matches o WHERE o.photo_id = @photoId AND o.face_index = @faceIndex AND o.by_operator = 1)
    ON CONFLICT(photo_id, attendee_id) DO NOTHING`);
  const exists = db.prepare('SELECT EXISTS(SELECT 1 FROM matches WHERE photo_id = ? AND attendee_id = ?) AS e');
  const remove = db.prepare('DELETE FROM matches WHERE photo_id = ? AND attendee_id = ?');
  const reject = db.prepare('INSERT INTO match_rejections (photo_id, attendee_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const count = db.prepare('SELECT COUNT(*) AS n FROM matches WHERE attendee_id = ?');
  const one = db.prepare(`SELECT photo_id AS photoId, attendee_id AS attendeeId, event_id AS eventId, face_index AS faceIndex, distance,
    matched_at AS matchedAt, by_operator AS byOperator FROM matches WHERE photo_id = ? AND attendee_id = ?`);
  // A match put back as it was (an undone "not me"), unless the face went to someone else meanwhile.
  const putBack = db.prepare(`INSERT INTO matches (photo_id, attendee_id, event_id, face_index, distance, matched_at, by_operator)
    SELECT @photoId, @attendeeId, @eventId, @faceIndex, @distance, @matchedAt, @byOperator
    WHERE NOT EXISTS (SELECT 1 FROM matches o WHERE o.photo_id = @photoId AND o.face_index = @faceIndex AND o.by_operator = 1)
    ON CONFLICT(photo_id, attendee_id) DO NOTHING`);
  const unreject = db.prepare('DELETE FROM match_rejections WHERE photo_id = ? AND attendee_id = ?');
  // Oldest first, the same order as the ZIP's numbers.
  const rank = db.prepare(`SELECT COUNT(*) AS n FROM matches m, matches me
    WHERE me.photo_id = @photoId AND me.attendee_id = @attendeeId AND m.attendee_id = @attendeeId
      AND (m.matched_at < me.matched_at OR (m.matched_at = me.matched_at AND m.photo_id <= me.photo_id))`);
  const page = db.prepare(`SELECT m.photo_id AS photoId, m.matched_at AS matchedAt, p.width, p.height
    FROM matches m JOIN photos p ON p.id = m.photo_id
    WHERE m.attendee_id = @attendeeId AND (m.matched_at < @at OR (m.matched_at = @at AND m.photo_id < @id))
    ORDER BY m.matched_at DESC, m.photo_id DESC LIMIT @limit`);
  const allPhotoIds = db.prepare('SELECT photo_id AS photoId FROM matches WHERE attendee_id = ? ORDER BY matched_at DESC, photo_id DESC');
  const attendeesOfPhotos = db.prepare(`SELECT photo_id AS photoId, attendee_id AS attendeeId FROM matches
    WHERE photo_id IN (SELECT value FROM json_each(?))`);
  const recentOfEvent = db.prepare(`SELECT m.photo_id AS photoId, m.attendee_id AS attendeeId, m.matched_at AS matchedAt,
      a.display_name AS attendeeName, p.file_name AS fileName
    FROM matches m JOIN attendees a ON a.id = m.attendee_id JOIN photos p ON p.id = m.photo_id
    WHERE m.event_id = ? ORDER BY m.matched_at DESC, m.photo_id DESC LIMIT ?`);
  const countsByEvent = db.prepare('SELECT attendee_id AS attendeeId, COUNT(*) AS n FROM matches WHERE event_id = ? GROUP BY attendee_id');
  const ofPhoto = db.prepare(`SELECT attendee_id AS attendeeId, face_index AS faceIndex, distance, by_operator AS byOperator
    FROM matches WHERE photo_id = ? ORDER BY face_index`);
  const give = db.prepare(`INSERT INTO matches (photo_id, attendee_id, event_id, face_index, distance, matched_at, by_operator)
    VALUES (@photoId, @attendeeId, @eventId, @faceIndex, 0, @matchedAt, 1)
    ON CONFLICT(photo_id, attendee_id) DO UPDATE SET face_index = excluded.face_index, distance = 0, by_operator = 1`);

  const restoreBoth = db.transaction((row: MatchRow): boolean => {
    if (unreject.run(row.photoId, row.attendeeId).changes !== 1) throw new NotRestored(); // not refused (any more)
    if (putBack.run(row).changes !== 1) throw new NotRestored(); // rolls the refusal's removal back
    return true;
  });

  return {
    /** Inserts the matches that are new; returns those that were. */
    insertMany: db.transaction((rows: MatchInsert[], matchedAt: number): MatchInsert[] => rows.filter((r) => insert.run({ ...r, matchedAt }).changes === 1)),
    exists: (photoId: string, attendeeId: string) => (exists.get(photoId, attendeeId) as { e: number }).e === 1,
    /** "This isn't me": the match goes and never comes back. */
    refuse: db.transaction((photoId: string, attendeeId: string) => {
      const had = remove.run(photoId, attendeeId).changes === 1;
      if (had) reject.run(photoId, attendeeId);
      return had;
    }),
    find: (photoId: string, attendeeId: string) => one.get(photoId, attendeeId) as MatchRow | undefined,
    /**
     * Undoes a refusal: the refusal goes and the match comes back as it was. False when it could
     * not (the face is someone else's now): then the refusal stays too.
     */
    restore(row: MatchRow): boolean {
      try {
        return restoreBoth({ byOperator: 0, ...row });
      } catch (err) {
        if (err instanceof NotRestored) return false;
        throw err;
      }
    },
    /** The photo's place in the attendee's gallery, oldest first, from 1 (0: not theirs). */
    rank: (photoId: string, attendeeId: string) => (rank.get({ photoId, attendeeId }) as { n: number }).n,
    countForAttendee: (attendeeId: string) => (count.get(attendeeId) as { n: number }).n,
    /** Newest first, keyset-paged after (matchedAt, photoId). */
    page: (attendeeId: string, after: { at: number; id: string } | null, limit: number) =>
      page.all({ attendeeId, at: after?.at ?? Number.MAX_SAFE_INTEGER, id: after?.id ?? '\uffff', limit }) as GalleryRow[],
    photoIdsOf: (attendeeId: string) => (allPhotoIds.all(attendeeId) as { photoId: string }[]).map((r) => r.photoId),
    attendeesOfPhotos(photoIds: string[]): Map<string, string[]> {
      const out = new Map<string, string[]>();
      for (const r of attendeesOfPhotos.all(JSON.stringify(photoIds)) as { photoId: string; attendeeId: string }[]) {
        out.set(r.photoId, [...(out.get(r.photoId) ?? []), r.attendeeId]);
      }
      return out;
    },
    /** Who is matched in a photo, on which face, and whether the operator said so. */
    ofPhoto: (photoId: string) =>
      (ofPhoto.all(photoId) as (Omit<PhotoMatch, 'byOperator'> & { byOperator: number })[]).map((r) => ({ ...r, byOperator: r.byOperator === 1 })),
    /**
     * The operator gives a face to an attendee: any "not me" of theirs for the photo is lifted, and
     * their match (new, or moved from another face) is marked as the operator's. True when new.
     */
    give: db.transaction((m: Omit<MatchInsert, 'distance'>, matchedAt: number): boolean => {
      unreject.run(m.photoId, m.attendeeId);
      const had = (exists.get(m.photoId, m.attendeeId) as { e: number }).e === 1;
      give.run({ ...m, matchedAt });
      return !had;
    }),
    /** The event's newest matches with the attendee's name and the photo's file name (the Live page's feed). */
    recentOfEvent: (eventId: string, limit: number) => recentOfEvent.all(eventId, limit) as RecentMatchRow[],
    photoCountsByEvent: (eventId: string) => new Map((countsByEvent.all(eventId) as { attendeeId: string; n: number }[]).map((r) => [r.attendeeId, r.n])),
  };
}
export type MatchesRepo = ReturnType<typeof createMatchesRepo>;
