// A photo's files as a phone gets them: the original streamed whole (its own bytes, length and
// download name: the event, the day, its number), a thumbnail and a preview; the ZIP named the
// same way; an original gone from the disk answers 404.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MyPhotosResponse } from '../../../server/contract/attendee.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let token: string;
let photoId: string;
let eventId: string;

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  const event = await s.createEvent('Fête d’été / Files', 'FILES1');
  eventId = event.id;
  token = (await register(s, { code: event.code, username: 'obama' })).token;
  expect((await uploadSelfie(s, token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  await waitForIdle(s);
  expect((await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg')])).status).toBe(202);
  await waitForIdle(s);
  const gallery = await s.api<MyPhotosResponse>('GET', '/api/my-photos', { token });
  photoId = gallery.body.photos[0]!.id;
}, 60_000);
afterAll(() => s.close());

/** yyyy-mm-dd today, in this machine's time zone (the photo was added a moment ago). */
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const get = (size: string) => fetch(`${s.attendeeUrl}/api/photo/${photoId}?size=${size}`, { headers: { authorization: `Bearer ${token}` } });

it('streams the original whole, with its length and a download name', async () => {
  const res = await get('original');
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const original = readFileSync(fixture('photos/obama1.jpg'));
  expect(bytes.equals(original)).toBe(true);
  expect(res.headers.get('content-length')).toBe(String(original.length));
  const today = localToday();
  expect(res.headers.get('content-disposition')).toBe(
    `attachment; filename="Fete-d-ete-Files-${today}-1.jpg"; filename*=UTF-8''F%C3%AAte-d%E2%80%99%C3%A9t%C3%A9-Files-${today}-1.jpg`,
  );
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  for (const size of ['thumb', 'preview']) expect((await get(size)).status).toBe(200);
});

it('names the ZIP by the event and the day, its entries as the single downloads', async () => {
  const res = await fetch(`${s.attendeeUrl}/api/my-photos/zip`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const today = localToday();
  expect(res.headers.get('content-disposition')).toBe(
    `attachment; filename="Fete-d-ete-Files-${today}.zip"; filename*=UTF-8''F%C3%AAte-d%E2%80%99%C3%A9t%C3%A9-Files-${today}.zip`,
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.includes(Buffer.from(`Fête-d’été-Files-${today}-1.jpg`))).toBe(true);
});

it('answers 404 when the original is gone from the disk', async () => {
  rmSync(join(s.dataDir, 'events', eventId, 'originals', `${photoId}.jpg`));
  const res = await get('original');
  expect(res.status).toBe(404);
  expect(res.headers.get('cache-control')).toBe('no-store'); // a retry reaches the server
  expect(res.headers.get('etag')).toBeNull();
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
});
