// Files a way in refused (the dashboard's Problems list): the newest 500 of each event are kept.
import type { Db } from '../database.js';

export interface RefusedFileRow {
  id: number;
  eventId: string;
  fileName: string;
  source: string;
  reason: string;
  detail: string | null;
  createdAt: number;
}

export const REFUSED_FILES_KEPT = 500;

const COLUMNS = 'id, event_id AS eventId, file_name AS fileName, source, reason, detail, created_at AS createdAt';

export function createRefusedFilesRepo(db: Db, kept = REFUSED_FILES_KEPT) {
  const insert = db.prepare(`INSERT INTO refused_files (event_id, file_name, source, reason, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const prune = db.prepare(`DELETE FROM refused_files WHERE event_id = @eventId AND id <= (
    SELECT id FROM refused_files WHERE event_id = @eventId ORDER BY id DESC LIMIT 1 OFFSET @kept)`);
  const list = db.prepare(`SELECT ${COLUMNS} FROM refused_files WHERE event_id = ? ORDER BY id DESC LIMIT ?`);
  const count = db.prepare('SELECT COUNT(*) AS n FROM refused_files WHERE event_id = ?');
  const remove = db.prepare('DELETE FROM refused_files WHERE id = ?');
  const removeAll = db.prepare('DELETE FROM refused_files WHERE event_id = ?');
  const byId = db.prepare(`SELECT ${COLUMNS} FROM refused_files WHERE id = ?`);

  return {
    /** Keeps one refusal; the event's oldest beyond the cap go. */
    add: db.transaction((row: Omit<RefusedFileRow, 'id'>): number => {
      const id = Number(insert.run(row.eventId, row.fileName, row.source, row.reason, row.detail, row.createdAt).lastInsertRowid);
      prune.run({ eventId: row.eventId, kept });
      return id;
    }),
    listByEvent: (eventId: string, limit: number) => list.all(eventId, limit) as RefusedFileRow[],
    countByEvent: (eventId: string) => (count.get(eventId) as { n: number }).n,
    findById: (id: number) => byId.get(id) as RefusedFileRow | undefined,
    remove: (id: number) => remove.run(id).changes === 1,
    removeAllOfEvent: (eventId: string) => removeAll.run(eventId).changes,
  };
}
export type RefusedFilesRepo = ReturnType<typeof createRefusedFilesRepo>;
