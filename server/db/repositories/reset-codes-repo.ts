// The reset_codes table: one password reset code per attendee, only its sha256 stored.
import type { Db } from '../database.js';

export interface ResetCodeRow {
  attendeeId: string;
  expiresAt: number;
}

export function createResetCodesRepo(db: Db) {
  // A new code for the attendee replaces the older one, which then opens nothing.
  const put = db.prepare(`INSERT INTO reset_codes (attendee_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (attendee_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`);
  const byHash = db.prepare('SELECT attendee_id AS attendeeId, expires_at AS expiresAt FROM reset_codes WHERE code_hash = ?');
  const consume = db.prepare('DELETE FROM reset_codes WHERE code_hash = ? AND attendee_id = ? AND expires_at > ?');
  const removeExpired = db.prepare('DELETE FROM reset_codes WHERE expires_at <= ?');

  return {
    put: (attendeeId: string, codeHash: Buffer, createdAt: number, expiresAt: number) => void put.run(attendeeId, codeHash, createdAt, expiresAt),
    findByHash: (codeHash: Buffer) => byHash.get(codeHash) as ResetCodeRow | undefined,
    /** Deletes the code if it is still valid for this attendee; false when it was not (used, replaced or expired meanwhile). */
    consume: (codeHash: Buffer, attendeeId: string, now: number) => consume.run(codeHash, attendeeId, now).changes === 1,
    removeExpired: (now: number) => removeExpired.run(now).changes,
  };
}
export type ResetCodesRepo = ReturnType<typeof createResetCodesRepo>;
