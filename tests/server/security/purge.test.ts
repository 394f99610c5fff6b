// Purging an event removes every row and file of it, and nothing of other events; events
// older than the retention period are purged automatically. Both are logged.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, fixtureFile, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
const logLines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  s = await startTestServer({ env: { FINDME_WORKERS: '1' }, logger: pino({ level: 'info' }, sink) });
});
afterAll(() => s.close());

async function fillEvent(name: string, code: string) {
  const event = await s.createEvent(name, code);
  const { token } = await register(s, { code, username: 'obama' });
  await uploadSelfie(s, token, readFileSync(fixture(manifest.selfies.obama!)));
  await uploadPhotos(s, event.id, ['photos/obama1.jpg', 'photos/two_people.jpg'].map(fixtureFile));
  await waitForIdle(s);
  return { event, token };
}

const TABLES = ['attendees', 'photos', 'selfies', 'matches', 'photo_faces'];
const countFor = (table: string, eventId: string) =>
  (s.findme.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE event_id = ?`).get(eventId) as { n: number }).n;

it('purges one event completely and leaves the others alone', async () => {
  const a = await fillEvent('To purge', 'PURGE1');
  const b = await fillEvent('To keep', 'KEEP02');
  for (const t of TABLES) expect(countFor(t, a.event.id), t).toBeGreaterThan(0);
  const jobsBefore = (s.findme.db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;

  expect((await s.admin('DELETE', `/api/admin/events/${a.event.id}`)).status).toBe(204);
  for (const t of TABLES) expect(countFor(t, a.event.id), t).toBe(0);
  expect((s.findme.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n).toBe(1); // b's only
  expect((s.findme.db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n).toBe(jobsBefore / 2);
  expect(existsSync(join(s.dataDir, 'events', a.event.id))).toBe(false);
  expect((await s.api('GET', '/api/check-event-code?code=PURGE1')).body.valid).toBe(false);
  expect((await s.api('GET', '/api/me', { token: a.token })).status).toBe(401);
  expect(logLines.some((l) => l.includes('event purged') && l.includes(a.event.id) && l.includes('operator'))).toBe(true);

  for (const t of TABLES) expect(countFor(t, b.event.id), t).toBeGreaterThan(0);
  expect((await s.api('GET', '/api/my-photos', { token: b.token })).body.photos.length).toBe(2);
  expect((await s.admin('DELETE', `/api/admin/events/${a.event.id}`)).status).toBe(404);
});

it('purges events older than the retention period, and only those', async () => {
  const old = await s.createEvent('Last year', 'OLD001');
  const recent = await s.createEvent('This week', 'NEW001');
  s.findme.db.prepare('UPDATE events SET created_at = ? WHERE id = ?').run(Date.now() - 40 * 86400_000, old.id);
  expect(await s.findme.purge.purgeExpired(0)).toBe(0); // 0 = keep forever
  expect((await s.admin('PUT', '/api/admin/settings', { retentionDays: 30 })).body.retentionDays).toBe(30);
  expect(await s.findme.purge.purgeExpired(30)).toBe(1);
  const ids = (await s.admin('GET', '/api/admin/events')).body.events.map((e: { id: string }) => e.id);
  expect(ids).toContain(recent.id);
  expect(ids).not.toContain(old.id);
  expect(logLines.some((l) => l.includes('event purged') && l.includes(old.id) && l.includes('retention'))).toBe(true);
});
