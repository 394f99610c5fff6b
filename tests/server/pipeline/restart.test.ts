// A power cut in the middle of an ingest: the server process is killed with SIGKILL while
// photos are being processed, then started again on the same data folder. Every photo ends
// done exactly once, with no duplicate match and a sound database.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { kill9, startChildServer } from '../../helpers/child-server.js';
import { fixture, fixtureFile, formWith, manifest, waitForIdle } from '../../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestServer } from '../../helpers/test-server.js';
import { readFileSync } from 'node:fs';

const dataDir = mkdtempSync(join(tmpdir(), 'findme-powercut-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const adminJson = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await res.json()) as Record<string, any>;
};

it('finishes every photo exactly once after a kill -9 mid-ingest', async () => {
  const child = await startChildServer(dataDir, { FINDME_WORKERS: '2' });
  let eventId: string;
  try {
    const created = await adminJson(child.adminUrl, 'POST', '/api/admin/events', { name: 'Power cut', code: 'POWER1' });
    eventId = (created.event as { id: string }).id;
    // an attendee with a selfie, so that photos produce matches
    const reg = await fetch(`${child.attendeeUrl}/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'POWER1', username: 'obama', password: 'password-obama', consent: true }),
    });
    const { token } = (await reg.json()) as { token: string };
    await fetch(`${child.attendeeUrl}/api/upload-selfie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: formWith('file', [{ name: 's.jpg', bytes: readFileSync(fixture(manifest.selfies.obama!)) }]),
    });
    const files = Object.keys(manifest.photos).map(fixtureFile);
    const up = await fetch(`${child.adminUrl}/api/admin/events/${eventId}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: formWith('files', files),
    });
    expect(up.status).toBe(202);
    // wait until some photos are done and others are not
    for (;;) {
      const stats = (await adminJson(child.adminUrl, 'GET', '/api/admin/queue/stats')).queue as { done: number; queued: number };
      if (stats.done >= 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await kill9(child);
  }

  const s = await startTestServer({ dataDir });
  try {
    const before = s.findme.db.prepare(`SELECT COUNT(*) AS n FROM photos WHERE status != 'done'`).get() as { n: number };
    expect(before.n).toBeGreaterThan(0); // the cut really was in the middle
    await waitForIdle(s);
    const photos = (await s.admin('GET', `/api/admin/events/${eventId!}/photos?limit=1000`)).body.photos as { status: string }[];
    expect(photos).toHaveLength(Object.keys(manifest.photos).length);
    expect(photos.every((p) => p.status === 'done')).toBe(true);
    const jobs = s.findme.db.prepare(`SELECT state, COUNT(*) AS n FROM jobs GROUP BY state`).all();
    expect(jobs).toEqual([{ state: 'done', n: Object.keys(manifest.photos).length + 1 }]);
    expect(s.findme.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const dupFaces = s.findme.db.prepare('SELECT photo_id, COUNT(*) AS n FROM photo_faces GROUP BY photo_id HAVING n > 3').all();
    expect(dupFaces).toEqual([]);
    const obama = await s.api('POST', '/api/login', { body: { identifier: 'obama', password: 'password-obama' } });
    const gallery = (await s.api('GET', '/api/my-photos?limit=100', { token: obama.body.token })).body.photos;
    const expected = Object.values(manifest.photos).filter((p) => p.faces.includes('obama')).length;
    expect(gallery).toHaveLength(expected);
    // no half-written rendition or upload left behind
    const leftovers = readdirSync(join(dataDir, 'events', eventId!), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.partial'));
    expect(leftovers).toEqual([]);
  } finally {
    await s.close(true);
  }
});
