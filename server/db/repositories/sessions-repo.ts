// The sessions table: only sha256(token) is stored.
import type { Db } from '../database.js';

export interface SessionRow {
  attendeeId: string;
  expiresAt: number;
}

export function createSessionsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (token_hash, attendee_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const find = db.prepare('SELECT attendee_id AS attendeeId, expires_at AS expiresAt FROM sessions WHERE token_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const removeAllOf = db.prepare('DELETE FROM sessions WHERE attendee_id = ?');

  return {
    insert: (tokenHash: Buffer, attendeeId: string, createdAt: number, expiresAt: number) => void insert.run(tokenHash, attendeeId, createdAt, expiresAt),
    find: (tokenHash: Buffer) => find.get(tokenHash) as SessionRow | undefined,
    remove: (tokenHash: Buffer) => void remove.run(tokenHash),
    removeExpired: (now: number) => removeExpired.run(now).changes,
    /** Ends every session of the attendee (a password reset). */
    removeAllOf: (attendeeId: string) => removeAllOf.run(attendeeId).changes,
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
