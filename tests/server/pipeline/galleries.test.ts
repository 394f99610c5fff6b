// The whole pipeline with the real fixtures: 5 attendees, all photos (some uploaded, some
// through a hot folder), every gallery exactly as the manifest says; then a late selfie fills
// its gallery by rematch; gallery routes, "not me", ZIP, the live stream and deletion.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor, fixture, fixtureFile, galleryFileNames, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';
import { readFileSync } from 'node:fs';

let s: TestServer;
let event: { id: string; code: string };
let other: { id: string; code: string };
const tokens: Record<string, string> = {};
const hot = mkdtempSync(join(tmpdir(), 'findme-hot-'));
const LATE = 'rose_leslie';
const streamEvents: { event: string; data: unknown }[] = [];
const streamAbort = new AbortController();

async function readStream(url: string, token: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: streamAbort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const name = /^event: (.*)$/m.exec(chunk)?.[1];
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (name && data) streamEvents.push({ event: name, data: JSON.parse(data) });
      }
    }
  } catch {
    // aborted at the end of the test
  }
}

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
  event = await s.createEvent('Fixtures', 'FACES1');
  other = await s.createEvent('Other event', 'OTHER1');
  for (const name of manifest.attendees) {
    tokens[name] = (await register(s, { code: event.code, username: name, password: `password-${name}` })).token;
  }
}, 120_000);

afterAll(async () => {
  streamAbort.abort();
  await s.close();
  rmSync(hot, { recursive: true, force: true });
});

describe('selfies, then photos', () => {
  it('accepts one selfie per early attendee', async () => {
    for (const name of manifest.attendees.filter((n) => n !== LATE)) {
      const res = await uploadSelfie(s, tokens[name]!, readFileSync(fixture(manifest.selfies[name]!)));
      expect(res.status, name).toBe(202);
      expect(res.body.selfie.status).toBe('processing');
    }
    await waitForIdle(s);
    for (const name of manifest.attendees.filter((n) => n !== LATE)) {
      const me = (await s.api('GET', '/api/me', { token: tokens[name] })).body;
      expect(me.selfies, name).toEqual([{ id: expect.any(String), status: 'accepted' }]);
    }
  });

  it('matches every photo to exactly the attendees the manifest lists', async () => {
    void readStream(`${s.attendeeUrl}/api/stream`, tokens.obama!);
    const photos = Object.keys(manifest.photos);
    const [uploaded, dropped] = [photos.filter((_, i) => i % 2 === 0), photos.filter((_, i) => i % 2 === 1)];
    const up = await uploadPhotos(s, event.id, uploaded.map(fixtureFile));
    expect(up.status).toBe(202);
    expect(up.body.photos).toHaveLength(uploaded.length);
    expect(up.body.duplicates).toEqual([]);

    expect((await s.admin('PUT', `/api/admin/events/${event.id}/hot-folder`, { folder: hot })).body).toEqual({ hotFolder: hot });
    for (const rel of dropped) copyFileSync(fixture(rel), join(hot, basename(rel)));
    copyFileSync(fixture(dropped[0]!), join(hot, '.hidden.jpg')); // ignored: hidden
    copyFileSync(fixture(dropped[0]!), join(hot, 'notes.txt')); // ignored: not an image name
    await expect.poll(async () => (await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos.length, { timeout: 30_000 }).toBe(photos.length);
    await waitForIdle(s);

    const list = (await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos as {
      fileName: string;
      status: string;
      faceCount: number;
      attendeeIds: string[];
    }[];
    expect(list.filter((p) => p.status !== 'done')).toEqual([]);
    const lin = list.find((p) => p.fileName === 'lin-manuel-miranda.png')!;
    expect(lin.faceCount).toBe(1);
    expect(lin.attendeeIds).toEqual([]); // a stranger matches nobody

    for (const name of manifest.attendees) {
      const expected = name === LATE ? [] : expectedFor(name);
      expect(await galleryFileNames(s, event.id, tokens[name]!), name).toEqual(expected);
    }
  });

  it('pushed the new matches live on the attendee stream', async () => {
    await expect.poll(() => streamEvents.filter((e) => e.event === 'match').length, { timeout: 5000 }).toBe(expectedFor('obama').length);
  });

  it("fills a late selfie's gallery from the photos already there", async () => {
    const res = await uploadSelfie(s, tokens[LATE]!, readFileSync(fixture(manifest.selfies[LATE]!)));
    expect(res.status).toBe(202);
    await waitForIdle(s);
    expect(await galleryFileNames(s, event.id, tokens[LATE]!)).toEqual(expectedFor(LATE));
    expect((await s.api('GET', '/api/me', { token: tokens[LATE] })).body.photoCount).toBe(expectedFor(LATE).length);
  });
});

describe('gallery routes', () => {
  const firstPhoto = async (name: string) => (await s.api('GET', '/api/my-photos', { token: tokens[name] })).body.photos[0];

  it('serves thumbnails, previews and originals with ETag and private caching', async () => {
    const photo = await firstPhoto('biden');
    for (const size of ['thumb', 'preview', 'original']) {
      const res = await fetch(`${s.attendeeUrl}/api/photo/${photo.id}?size=${size}`, { headers: { authorization: `Bearer ${tokens.biden}` } });
      expect(res.status, size).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/private/);
      const etag = res.headers.get('etag')!;
      expect(etag).toBeTruthy();
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBeGreaterThan(1000);
      const again = await fetch(`${s.attendeeUrl}/api/photo/${photo.id}?size=${size}`, {
        headers: { authorization: `Bearer ${tokens.biden}`, 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    }
    const thumbRes = await fetch(`${s.attendeeUrl}${photo.thumbUrl}`, { headers: { authorization: `Bearer ${tokens.biden}` } });
    expect(thumbRes.headers.get('content-type')).toBe('image/jpeg');
    expect((await s.admin('GET', '/api/admin/queue/stats')).body.cache.thumbnails.hits).toBeGreaterThan(0);
  });

  it("gives 404 for another attendee's photo and another event's photo", async () => {
    const bidenOnly = (await s.api('GET', '/api/my-photos?limit=100', { token: tokens.biden })).body.photos.map((p: { id: string }) => p.id);
    const alexPhoto = (await firstPhoto('alex_lacamoire')).id;
    expect(bidenOnly).not.toContain(alexPhoto);
    expect((await s.api('GET', `/api/photo/${alexPhoto}?size=thumb`, { token: tokens.biden })).status).toBe(404);
    expect((await s.api('POST', `/api/photo/${alexPhoto}/not-me`, { token: tokens.biden })).status).toBe(404);
    // an attendee of another event with the same selfie is matched in nothing here
    const stranger = await register(s, { code: other.code, username: 'alex_lacamoire', password: 'password-x' });
    expect((await s.api('GET', `/api/photo/${alexPhoto}?size=original`, { token: stranger.token })).status).toBe(404);
    for (const id of ['../../etc/passwd', 'nope', '00000000-0000-0000-0000-000000000000']) {
      expect((await s.api('GET', `/api/photo/${encodeURIComponent(id)}`, { token: tokens.biden })).status).toBeGreaterThanOrEqual(400);
    }
  });

  it("streams a ZIP of the caller's photos", async () => {
    const res = await fetch(`${s.attendeeUrl}/api/my-photos/zip`, { headers: { authorization: `Bearer ${tokens.obama}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    let entries = 0;
    for (let i = zip.indexOf('PK\x01\x02'); i >= 0; i = zip.indexOf('PK\x01\x02', i + 4)) entries++;
    expect(entries).toBe(expectedFor('obama').length);
  });

  it('"not me" removes a photo for good, even after another selfie', async () => {
    const before = await galleryFileNames(s, event.id, tokens.kit_harington!);
    const photo = await firstPhoto('kit_harington');
    expect((await s.api('POST', `/api/photo/${photo.id}/not-me`, { token: tokens.kit_harington })).status).toBe(204);
    expect((await galleryFileNames(s, event.id, tokens.kit_harington!)).length).toBe(before.length - 1);
    expect((await s.api('GET', `/api/photo/${photo.id}?size=thumb`, { token: tokens.kit_harington })).status).toBe(404);
    await uploadSelfie(s, tokens.kit_harington!, readFileSync(fixture(manifest.selfies.kit_harington!)));
    await waitForIdle(s);
    expect((await galleryFileNames(s, event.id, tokens.kit_harington!)).length).toBe(before.length - 1);
  });

  it('deletes the account with its selfies, descriptors, matches, sessions and files', async () => {
    const me = (await s.api('GET', '/api/me', { token: tokens.biden })).body;
    const selfieDir = join(s.dataDir, 'events', event.id, 'selfies');
    expect(readdirSync(selfieDir).some((f) => f.startsWith(me.selfies[0].id))).toBe(true);
    expect((await s.api('DELETE', '/api/me', { token: tokens.biden })).status).toBe(204);
    expect((await s.api('GET', '/api/me', { token: tokens.biden })).status).toBe(401);
    const count = (sql: string) => (s.findme.db.prepare(sql).get(me.attendee.id) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM attendees WHERE id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM selfies WHERE attendee_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM matches WHERE attendee_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM sessions WHERE attendee_id = ?')).toBe(0);
    expect(existsSync(join(selfieDir, `${me.selfies[0].id}.jpg`))).toBe(false);
  });
});
