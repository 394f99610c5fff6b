// The events table.
import type { Db } from '../database.js';

export interface EventRow {
  id: string;
  name: string;
  code: string;
  createdAt: number;
  hotFolder: string | null;
  /** Attendees may create accounts (logging in always works). */
  registrationOpen: boolean;
}

export interface EventWithCounts extends EventRow {
  attendeeCount: number;
  photoCount: number;
}

/** What purging the event erases, counted. */
export interface EventContents {
  attendees: number;
  selfies: number;
  photos: number;
  faces: number;
  matches: number;
}

const COLUMNS = 'id, name, code, created_at AS createdAt, hot_folder AS hotFolder, registration_open AS registrationOpen';
// SQLite has no boolean: the column is 0 or 1.
const toRow = <T extends { registrationOpen: unknown }>(r: T | undefined) => (r ? { ...r, registrationOpen: r.registrationOpen === 1 } : undefined);

export function createEventsRepo(db: Db) {
  const byCode = db.prepare(`SELECT ${COLUMNS} FROM events WHERE code = ?`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`);
  const ids = db.prepare('SELECT id FROM events');
  const codeExists = db.prepare('SELECT EXISTS(SELECT 1 FROM events WHERE code = ?) AS e');
  const idExists = db.prepare('SELECT EXISTS(SELECT 1 FROM events WHERE id = ?) AS e');
  const insert = db.prepare('INSERT INTO events (id, name, code, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const WITH_COUNTS = `SELECT ${COLUMNS},
      (SELECT COUNT(*) FROM attendees a WHERE a.event_id = events.id) AS attendeeCount,
      (SELECT COUNT(*) FROM photos p WHERE p.event_id = events.id) AS photoCount
    FROM events`;
  const listWithCounts = db.prepare(`${WITH_COUNTS} ORDER BY created_at DESC, rowid DESC`);
  const oneWithCounts = db.prepare(`${WITH_COUNTS} WHERE id = ?`);
  const update = db.prepare('UPDATE events SET name = ?, registration_open = ?, updated_at = ? WHERE id = ?');
  const contents = db.prepare(`SELECT
      (SELECT COUNT(*) FROM attendees WHERE event_id = @id) AS attendees,
      (SELECT COUNT(*) FROM selfies WHERE event_id = @id) AS selfies,
      (SELECT COUNT(*) FROM photos WHERE event_id = @id) AS photos,
      (SELECT COUNT(*) FROM photo_faces WHERE event_id = @id) AS faces,
      (SELECT COUNT(*) FROM matches WHERE event_id = @id) AS matches`);
  const setHotFolder = db.prepare('UPDATE events SET hot_folder = ?, updated_at = ? WHERE id = ?');
  const withHotFolder = db.prepare('SELECT id, hot_folder AS hotFolder FROM events WHERE hot_folder IS NOT NULL');
  const byIds = (n: number) => db.prepare(`SELECT id, name FROM events WHERE id IN (${new Array(n).fill('?').join(',')}) ORDER BY created_at`);

  const deleteJobsOf = db.prepare(`DELETE FROM jobs WHERE (kind = 'photo' AND ref_id IN (SELECT id FROM photos WHERE event_id = ?))
    OR (kind = 'selfie' AND ref_id IN (SELECT id FROM selfies WHERE event_id = ?))`);
  const deleteFacesOf = db.prepare('DELETE FROM photo_faces WHERE event_id = ?');
  const deleteEvent = db.prepare('DELETE FROM events WHERE id = ?');
  const olderThan = db.prepare(`SELECT ${COLUMNS} FROM events WHERE created_at < ?`);
  return {
    /**
     * Deletes the event and everything of it, in one transaction: its jobs and photo faces here,
     * attendees, sessions, selfies, photos, matches and refusals by ON DELETE CASCADE. False when it was not there.
     */
    deleteWithEverything: db.transaction((eventId: string): boolean => {
      deleteJobsOf.run(eventId, eventId);
      deleteFacesOf.run(eventId);
      return deleteEvent.run(eventId).changes === 1;
    }),
    /** Events created before `time` (ms). */
    createdBefore: (time: number) => (olderThan.all(time) as EventRow[]).map((r) => toRow(r)!),
    findByCode: (code: string) => toRow(byCode.get(code) as EventRow | undefined),
    listIds: () => (ids.all() as { id: string }[]).map((r) => r.id),
    findById: (id: string) => toRow(byId.get(id) as EventRow | undefined),
    codeExists: (code: string) => (codeExists.get(code) as { e: number }).e === 1,
    exists: (id: string) => (idExists.get(id) as { e: number }).e === 1,
    insert(row: { id: string; name: string; code: string; createdAt: number }) {
      insert.run(row.id, row.name, row.code, row.createdAt, row.createdAt);
    },
    setHotFolder: (id: string, folder: string | null, now: number) => void setHotFolder.run(folder, now, id),
    withHotFolder: () => withHotFolder.all() as { id: string; hotFolder: string }[],
    namesByIds: (ids: string[]) => (ids.length ? (byIds(ids.length).all(...ids) as { id: string; name: string }[]) : []),
    listWithCounts(): EventWithCounts[] {
      return (listWithCounts.all() as EventWithCounts[]).map((r) => toRow(r)!);
    },
    findWithCounts: (id: string) => toRow(oneWithCounts.get(id) as EventWithCounts | undefined),
    update: (id: string, name: string, registrationOpen: boolean, now: number) => void update.run(name, registrationOpen ? 1 : 0, now, id),
    contents: (id: string) => contents.get({ id }) as EventContents,
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
