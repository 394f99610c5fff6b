// The attendees table.
import type { Db } from '../database.js';

export interface AttendeeRow {
  id: string;
  eventId: string;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
}

const COLUMNS = 'id, event_id AS eventId, username, display_name AS displayName, email, password_hash AS passwordHash';

export function createAttendeesRepo(db: Db) {
  const usernameTaken = db.prepare('SELECT EXISTS(SELECT 1 FROM attendees WHERE event_id = ? AND username_key = ?) AS e');
  const emailTaken = db.prepare('SELECT EXISTS(SELECT 1 FROM attendees WHERE event_id = ? AND email = ?) AS e');
  const insert = db.prepare(`INSERT INTO attendees
    (id, event_id, username, username_key, email, display_name, password_hash, consent_at, consent_version, created_at)
    VALUES (@id, @eventId, @username, @usernameKey, @email, @displayName, @passwordHash, @consentAt, @consentVersion, @createdAt)`);
  const byIdentifier = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE username_key = ? OR email = ? ORDER BY created_at LIMIT 20`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE id = ?`);
  const byEvent = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE event_id = ? ORDER BY created_at, id`);
  const setHash = db.prepare('UPDATE attendees SET password_hash = ? WHERE id = ?');

  const remove = db.prepare('DELETE FROM attendees WHERE id = ?');
  return {
    /** Deletes the attendee; sessions, selfies, matches and refusals go with it (ON DELETE CASCADE). */
    remove: (id: string) => void remove.run(id),
    usernameTaken: (eventId: string, usernameKey: string) => (usernameTaken.get(eventId, usernameKey) as { e: number }).e === 1,
    emailTaken: (eventId: string, email: string) => (emailTaken.get(eventId, email) as { e: number }).e === 1,
    insert(row: {
      id: string;
      eventId: string;
      username: string;
      usernameKey: string;
      email: string | null;
      displayName: string;
      passwordHash: string;
      consentAt: number;
      consentVersion: string;
      createdAt: number;
    }) {
      insert.run(row);
    },
    /** Attendees of every event whose username or e-mail is `key` (at most 20). */
    findByIdentifier: (key: string) => byIdentifier.all(key, key) as AttendeeRow[],
    findById: (id: string) => byId.get(id) as AttendeeRow | undefined,
    listByEvent: (eventId: string) => byEvent.all(eventId) as AttendeeRow[],
    setPasswordHash: (id: string, hash: string) => void setHash.run(hash, id),
  };
}
export type AttendeesRepo = ReturnType<typeof createAttendeesRepo>;
