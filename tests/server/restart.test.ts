// A restart on the same data folder keeps every account, session and setting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { register, startTestServer } from '../helpers/test-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'findme-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('keeps accounts, sessions, events and settings across a restart', async () => {
  const first = await startTestServer({ dataDir });
  const event = await first.createEvent('Persist', 'KEEP01');
  const accounts = [];
  for (let i = 0; i < 5; i++) accounts.push(await register(first, { code: event.code, username: `user${i}`, password: `password-${i}` }));
  expect((await first.admin('PUT', '/api/admin/settings', { bcryptRounds: 11 })).status).toBe(200);
  await first.close();

  const second = await startTestServer({ dataDir });
  try {
    expect((await second.admin('GET', '/api/admin/settings')).body.bcryptRounds).toBe(11);
    const events = (await second.admin('GET', '/api/admin/events')).body.events;
    expect(events).toEqual([expect.objectContaining({ id: event.id, code: 'KEEP01', attendeeCount: 5 })]);
    for (const [i, a] of accounts.entries()) {
      expect((await second.api('GET', '/api/me', { token: a.token })).body.attendee.id).toBe(a.attendee.id);
      const login = await second.api('POST', '/api/login', { body: { identifier: `user${i}`, password: `password-${i}` } });
      expect(login.status).toBe(200);
    }
    const migrations = second.findme.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(migrations.n).toBeGreaterThan(0);
  } finally {
    await second.close();
  }
});
