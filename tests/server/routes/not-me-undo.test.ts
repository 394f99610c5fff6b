// "This isn't me" can be taken back for a short while (the phone's Undo): the photo returns to
// the gallery where it was; later, twice, or for a photo one never refused, 410 undo_expired.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { MyPhotosResponse } from '../../../server/contract/attendee.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let token: string;
let strangerToken: string;
let strangerId: string;
let photos: MyPhotosResponse['photos'];

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  const event = await s.createEvent('Undo', 'UNDO01');
  token = (await register(s, { code: event.code, username: 'obama' })).token;
  const stranger = await register(s, { code: event.code, username: 'stranger' });
  strangerToken = stranger.token;
  strangerId = stranger.attendee.id;
  expect((await uploadSelfie(s, token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  await waitForIdle(s);
  expect((await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg'), fixtureFile('photos/obama2.jpg')])).status).toBe(202);
  await waitForIdle(s);
  photos = (await s.api<MyPhotosResponse>('GET', '/api/my-photos', { token })).body.photos;
  expect(photos.length).toBe(2);
}, 90_000);
afterAll(() => s.close());
afterEach(() => vi.useRealTimers());

const gallery = async () => (await s.api<MyPhotosResponse>('GET', '/api/my-photos', { token })).body.photos;
const notMe = (id: string) => s.api('POST', `/api/photo/${id}/not-me`, { token });
const undo = (id: string, as = token) => s.api('POST', `/api/photo/${id}/not-me/undo`, { token: as });

it('puts the photo back where it was, once', async () => {
  const [newest] = photos;
  expect((await notMe(newest!.id)).status).toBe(204);
  expect((await gallery()).map((p) => p.id)).toEqual([photos[1]!.id]);

  expect((await undo(newest!.id, strangerToken)).status).toBe(410); // only the one who refused
  const res = await undo(newest!.id);
  expect(res.status).toBe(204);
  expect(await gallery()).toEqual(photos); // same order, same matchedAt
  expect((await s.api('GET', `/api/photo/${newest!.id}?size=thumb`, { token })).status).toBe(200);

  const again = await undo(newest!.id);
  expect(again.status).toBe(410);
  expect(again.body.error.code).toBe('undo_expired');
});

it('refuses for a photo that was never refused, and after the window', async () => {
  const [, older] = photos;
  expect((await undo(older!.id)).status).toBe(410);
  expect((await notMe(older!.id)).status).toBe(204);
  // The server runs in this process: move its clock past the 30 s window.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
  const late = await undo(older!.id);
  expect(late.status).toBe(410);
  expect(late.body.error.code).toBe('undo_expired');
  vi.useRealTimers();
  expect((await gallery()).map((p) => p.id)).toEqual([photos[0]!.id]);
});

it('cannot undo once the operator gave the face to someone else, and the refusal then stands', async () => {
  const [newest] = photos;
  expect((await notMe(newest!.id)).status).toBe(204);
  expect((await s.admin('PUT', `/api/admin/photos/${newest!.id}/faces/0`, { attendeeId: strangerId })).status).toBe(200);
  const res = await undo(newest!.id);
  expect(res.status).toBe(410);
  expect(res.body.error.code).toBe('undo_expired');
  // The "not me" is still on record (a failed undo must not drop it), and the photo stays out.
  const refused = s.findme.db.prepare(
    'SELECT COUNT(*) AS n FROM match_rejections WHERE photo_id = ? AND attendee_id = (SELECT attendee_id FROM matches WHERE photo_id = ? AND by_operator = 1)',
  );
  expect((refused.get(newest!.id, newest!.id) as { n: number }).n).toBe(0); // the stranger has the face, not refused
  const mine = s.findme.db.prepare(`SELECT COUNT(*) AS n FROM match_rejections r JOIN attendees a ON a.id = r.attendee_id
    WHERE r.photo_id = ? AND a.username = 'obama'`);
  expect((mine.get(newest!.id) as { n: number }).n).toBe(1);
  expect((await gallery()).map((p) => p.id)).not.toContain(newest!.id);
});

it('refuses ids that are not ids', async () => {
  expect((await undo('../etc')).status).toBe(404);
  expect((await undo('not%20an%20id')).status).toBe(400);
});
