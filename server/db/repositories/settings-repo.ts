// The settings table: one JSON value per key.
import type { Db } from '../database.js';

export function createSettingsRepo(db: Db) {
  const all = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');

  return {
    readAll(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const row of all.all() as { key: string; value: string }[]) {
        try {
          out[row.key] = JSON.parse(row.value);
        } catch {
          // a corrupt value is ignored: the default applies
        }
      }
      return out;
    },
    writeMany: db.transaction((values: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value));
    }),
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
