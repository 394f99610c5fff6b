// The ftp_accounts table: each event's FTP user, password and on/off switch.
import type { Db } from '../database.js';

export interface FtpAccountRow {
  eventId: string;
  username: string;
  password: string;
  enabled: boolean;
}

const COLUMNS = 'event_id AS eventId, username, password, enabled';
type Raw = Omit<FtpAccountRow, 'enabled'> & { enabled: number };
const toRow = (r: Raw | undefined): FtpAccountRow | undefined => (r ? { ...r, enabled: r.enabled === 1 } : undefined);

export function createFtpAccountsRepo(db: Db) {
  const byEvent = db.prepare(`SELECT ${COLUMNS} FROM ftp_accounts WHERE event_id = ?`);
  const byUser = db.prepare(`SELECT ${COLUMNS} FROM ftp_accounts WHERE username = ?`);
  const insert = db.prepare('INSERT OR IGNORE INTO ftp_accounts (event_id, username, password, enabled, created_at) VALUES (?, ?, ?, 0, ?)');
  const setEnabled = db.prepare('UPDATE ftp_accounts SET enabled = ? WHERE event_id = ?');
  const anyEnabled = db.prepare('SELECT EXISTS(SELECT 1 FROM ftp_accounts WHERE enabled = 1) AS e');

  return {
    findByEvent: (eventId: string) => toRow(byEvent.get(eventId) as Raw | undefined),
    findByUsername: (username: string) => toRow(byUser.get(username) as Raw | undefined),
    /** Creates the event's account unless it has one; returns the account in force. */
    ensure(eventId: string, username: string, password: string, now: number): FtpAccountRow {
      insert.run(eventId, username, password, now);
      return toRow(byEvent.get(eventId) as Raw)!;
    },
    setEnabled: (eventId: string, enabled: boolean) => setEnabled.run(enabled ? 1 : 0, eventId).changes > 0,
    anyEnabled: () => (anyEnabled.get() as { e: number }).e === 1,
  };
}
export type FtpAccountsRepo = ReturnType<typeof createFtpAccountsRepo>;
