// A photo's files as a phone gets them: the original streamed whole (its own bytes, length and
// download name), a thumbnail and a preview; an original gone from the disk answers 404.
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
  const event = await s.createEvent('Files', 'FILES1');
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

const get = (size: string) => fetch(`${s.attendeeUrl}/api/photo/${photoId}?size=${size}`, { headers: { authorization: `Bearer ${token}` } });

it('streams the original whole, with its length and a download name', async () => {
  const res = await get('original');
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const original = readFileSync(fixture('photos/obama1.jpg'));
  expect(bytes.equals(original)).toBe(true);
  expect(res.headers.get('content-length')).toBe(String(original.length));
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="findme-${photoId}.jpg"`);
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  for (const size of ['thumb', 'preview']) expect((await get(size)).status).toBe(200);
});

it('answers 404 when the original is gone from the disk', async () => {
  rmSync(join(s.dataDir, 'events', eventId, 'originals', `${photoId}.jpg`));
  const res = await get('original');
  expect(res.status).toBe(404);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
});
