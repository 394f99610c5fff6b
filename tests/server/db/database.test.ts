// The schema: migrations apply once, and every lookup the API does uses an index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../server/db/database.js';
import { MIGRATIONS } from '../../../server/db/migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('opens in WAL mode with foreign keys, and applies each migration once', () => {
  const file = join(dir, 'a.db');
  const db = openDatabase(file);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(migrate(db, MIGRATIONS)).toBe(0);
  db.close();
  const again = openDatabase(file);
  const versions = again.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
  expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
  again.close();
});

it('rolls back a failing migration entirely', () => {
  const db = openDatabase(join(dir, 'b.db'));
  const bad = [...MIGRATIONS, { version: 999, name: 'bad', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
  expect(() => migrate(db, bad)).toThrow();
  expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
  db.close();
});

it('uses an index for every lookup of the account API', () => {
  const db = openDatabase(join(dir, 'c.db'));
  const plan = (sql: string, ...args: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
  const lookups = [
    plan('SELECT id FROM events WHERE code = ?', 'X'),
    plan('SELECT EXISTS(SELECT 1 FROM attendees WHERE event_id = ? AND username_key = ?)', 'e', 'u'),
    plan('SELECT EXISTS(SELECT 1 FROM attendees WHERE event_id = ? AND email = ?)', 'e', 'm'),
    plan('SELECT id FROM attendees WHERE username_key = ? OR email = ?', 'u', 'u'),
    plan('SELECT attendee_id FROM sessions WHERE token_hash = ?', Buffer.alloc(32)),
  ];
  for (const p of lookups) {
    expect(p).not.toMatch(/\bSCAN (events|attendees|sessions)\b/);
    expect(p).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY|MULTI-INDEX/);
  }
  db.close();
});
