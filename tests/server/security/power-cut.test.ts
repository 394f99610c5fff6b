// Power cuts: the server process is killed with SIGKILL at random moments while attendees
// register and 100 photos are ingested, then started again, five times. Afterwards: every
// registration that got its 201 is there, every photo is done exactly once, no match is
// duplicated, the database passes integrity_check and no half-written file remains.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { kill9, startChildServer } from '../../helpers/child-server.js';
import { fixture, formWith, manifest, waitForIdle } from '../../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestServer } from '../../helpers/test-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'findme-cuts-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const CYCLES = 5;
const PHOTOS_PER_CYCLE = 20;

/** 100 distinct photos: the fixtures re-encoded at different sizes and qualities. */
async function makePhotos(): Promise<{ name: string; bytes: Buffer }[]> {
  const sources = Object.keys(manifest.photos).filter((p) => p.endsWith('.jpg'));
  const out: { name: string; bytes: Buffer }[] = [];
  for (let i = 0; out.length < CYCLES * PHOTOS_PER_CYCLE; i++) {
    const src = sources[i % sources.length]!;
    const bytes = await sharp(fixture(src))
      .resize(700 + (i % 7) * 10)
      .jpeg({ quality: 60 + (i % 30) })
      .toBuffer();
    out.push({ name: `cut-${i}.jpg`, bytes });
  }
  return out;
}

const json = async (res: Response) => (await res.json().catch(() => null)) as Record<string, unknown> | null;

it(`loses nothing over ${CYCLES} kill -9 cycles during registrations and ingest`, async () => {
  const photos = await makePhotos();
  const registered: string[] = [];
  let eventId = '';

  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const child = await startChildServer(dataDir, { FINDME_WORKERS: '2', FINDME_RATE_LIMIT_REGISTER: '100000' });
    try {
      if (cycle === 0) {
        const res = await fetch(`${child.adminUrl}/api/admin/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Power cuts', code: 'CUTS01' }),
        });
        eventId = ((await json(res))!.event as { id: string }).id;
      }
      const batch = photos.slice(cycle * PHOTOS_PER_CYCLE, (cycle + 1) * PHOTOS_PER_CYCLE);
      const upload = fetch(`${child.adminUrl}/api/admin/events/${eventId}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        body: formWith('files', batch),
      }).catch(() => null);
      const registrations = Array.from({ length: 10 }, (_, i) => {
        const username = `c${cycle}u${i}`;
        return fetch(`${child.attendeeUrl}/api/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: 'CUTS01', username, password: `password-${username}`, consent: true }),
        })
          .then((r) => {
            if (r.status === 201) registered.push(username);
          })
          .catch(() => undefined);
      });
      void Promise.allSettled(registrations); // deliberately not awaited: the cut may land mid-registration
      await upload;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 1500)); // cut while photos are processed
    } finally {
      await kill9(child);
    }
  }

  const s = await startTestServer({ dataDir, env: { FINDME_RATE_LIMIT_LOGIN: '100000' } }); // up to 50 logins to check
  try {
    await waitForIdle(s, 180_000);
    const db = s.findme.db;
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    for (const username of registered) {
      const login = await s.api('POST', '/api/login', { body: { identifier: username, password: `password-${username}` } });
      expect(login.status, username).toBe(200);
    }
    expect(registered.length).toBeGreaterThan(0);
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM photos GROUP BY status').all();
    const total = (db.prepare('SELECT COUNT(*) AS n FROM photos').get() as { n: number }).n;
    expect(total).toBeGreaterThanOrEqual(PHOTOS_PER_CYCLE); // at least the uploads that were answered
    expect(rows).toEqual([{ status: 'done', n: total }]);
    expect(db.prepare(`SELECT state, COUNT(*) AS n FROM jobs WHERE kind = 'photo' GROUP BY state`).all()).toEqual([{ state: 'done', n: total }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM (SELECT sha256 FROM photos GROUP BY event_id, sha256 HAVING COUNT(*) > 1)').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM photos p WHERE face_count != (SELECT COUNT(*) FROM photo_faces f WHERE f.photo_id = p.id)').get()).toEqual({
      n: 0,
    });
    const files = readdirSync(join(dataDir, 'events', eventId), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.partial') || f.startsWith('incoming/'))).toEqual([]);
    // every stored rendition decodes: nothing half-written is served
    for (const f of files.filter((x) => x.startsWith('thumbs/') || x.startsWith('previews/'))) {
      await expect(sharp(readFileSync(join(dataDir, 'events', eventId, f))).metadata(), f).resolves.toBeTruthy();
    }
  } finally {
    await s.close(true);
  }
}, 300_000);
