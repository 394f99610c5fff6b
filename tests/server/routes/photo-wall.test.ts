// The live photo wall over real HTTP, with real processed photos: off by default (404), the
// operator's switch and approvals, only approved photos on the wall, blocked for good after "not
// me", an account deleted by its attendee or removed by the operator; no names in any wall
// answer; wrong key, a wall turned off and a photo of another event all 404; rate-limited.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicWall, WallModerationList, WallModerationPhoto, WallStatus } from '../../../server/contract/wall.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer, type ApiResult, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let event: { id: string; code: string };
let other: { id: string; code: string };
const tokens: Record<string, string> = {};
const attendeeIds: string[] = [];
const photoIds: Record<string, string> = {};
let otherPhotoId: string;
/** Every body and header the wall routes gave, to look for names in. */
const seen: string[] = [];
const PEOPLE = { obama: 'Barack Example', biden: 'Joe Example', kit: 'Kit Example' } as const;
const PHOTOS = ['obama1.jpg', 'biden2.jpg', 'obama_and_biden.jpg', 'john2.jpg', 'lin-manuel-miranda.png'];

const keyOf = (status: WallStatus) => new URL(status.urls[0]!).pathname.split('/').pop()!;
async function wall(key: string, path = ''): Promise<ApiResult<PublicWall>> {
  const res = await s.api<PublicWall>('GET', `/api/wall/${key}${path}`);
  seen.push(JSON.stringify(res.body), JSON.stringify([...res.headers]));
  return res;
}
async function image(key: string, photoId: string) {
  const res = await fetch(`${s.attendeeUrl}/api/wall/${key}/photos/${photoId}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  seen.push(JSON.stringify([...res.headers]));
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), bytes };
}
const onWall = async (key: string) => (await wall(key)).body.photos.map((p) => p.id);
const approve = (photoId: string, approved = true) => s.admin<WallModerationPhoto>('PUT', `/api/admin/photos/${photoId}/wall`, { approved });
const moderation = async (state: string) => (await s.admin<WallModerationList>('GET', `/api/admin/events/${event.id}/wall/photos?state=${state}`)).body;
const stateOf = async (photoId: string) => {
  for (const state of ['pending', 'approved', 'hidden', 'blocked']) {
    const hit = (await moderation(state)).photos.find((p) => p.id === photoId);
    if (hit) return { state: hit.state, reason: hit.blockedReason };
  }
  return null;
};

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  event = await s.createEvent('Gala night', 'WALL01');
  other = await s.createEvent('Other night', 'WALL02');
  for (const [name, displayName] of Object.entries(PEOPLE)) {
    const res = await s.api('POST', '/api/register', {
      body: { code: event.code, username: name, displayName, password: `password-${name}`, consent: true },
    });
    expect(res.status).toBe(201);
    tokens[name] = res.body.token;
    attendeeIds.push(res.body.attendee.id);
    const selfie = name === 'kit' ? 'selfies/kit_harington.jpg' : `selfies/${name}.jpg`;
    expect((await uploadSelfie(s, tokens[name]!, readFileSync(fixture(selfie)))).status).toBe(202);
  }
  await waitForIdle(s);
  expect(
    (
      await uploadPhotos(
        s,
        event.id,
        PHOTOS.map((p) => fixtureFile(`photos/${p}`)),
      )
    ).status,
  ).toBe(202);
  expect((await uploadPhotos(s, other.id, [fixtureFile('photos/obama2.jpg')])).status).toBe(202);
  await waitForIdle(s);
  const list = (await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos as { id: string; fileName: string; status: string }[];
  for (const p of list) photoIds[p.fileName] = p.id;
  expect(list.map((p) => p.status)).toEqual(PHOTOS.map(() => 'done'));
  otherPhotoId = (await s.admin('GET', `/api/admin/events/${other.id}/photos`)).body.photos[0].id;
  // The fixtures matched as the manifest says (what the blocks below rely on).
  const me = async (name: string) => (await s.api('GET', '/api/me', { token: tokens[name] })).body.photoCount;
  expect([await me('obama'), await me('biden'), await me('kit')]).toEqual([2, 2, 1]);
}, 180_000);

afterAll(() => s?.close());

describe('the switch', () => {
  it('is off by default: no address, and no wall answers', async () => {
    expect((await s.admin('GET', `/api/admin/events/${event.id}/wall`)).body).toEqual({ enabled: false, urls: [], qrSvgDataUrl: null });
    expect((await wall('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('turned on, gives an unguessable address on the attendee listener with its QR code; turned off, that address is gone', async () => {
    const on = (await s.admin<WallStatus>('PUT', `/api/admin/events/${event.id}/wall`, { enabled: true })).body;
    expect(on.enabled).toBe(true);
    expect(on.urls[0]).toMatch(new RegExp(`^${s.attendeeUrl}/wall/[A-Za-z0-9_-]{32}$`));
    expect(on.qrSvgDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const key = keyOf(on);
    expect(keyOf((await s.admin<WallStatus>('PUT', `/api/admin/events/${event.id}/wall`, { enabled: true })).body)).toBe(key); // on again: same address
    expect((await wall(key)).body).toEqual({ eventName: 'Gala night', photos: [] });

    expect((await s.admin('PUT', `/api/admin/events/${event.id}/wall`, { enabled: false })).body.enabled).toBe(false);
    expect((await wall(key)).status).toBe(404);
    const again = (await s.admin<WallStatus>('PUT', `/api/admin/events/${event.id}/wall`, { enabled: true })).body;
    expect(keyOf(again)).not.toBe(key);
  });

  it('is not served on the admin listener', async () => {
    const key = keyOf((await s.admin<WallStatus>('GET', `/api/admin/events/${event.id}/wall`)).body);
    expect((await fetch(`${s.adminUrl}/api/wall/${key}`)).status).toBe(404);
    expect((await fetch(`${s.adminUrl}/wall/${key}`)).status).toBe(404);
  });
});

describe('approvals', () => {
  let key: string;
  beforeAll(async () => {
    key = keyOf((await s.admin<WallStatus>('GET', `/api/admin/events/${event.id}/wall`)).body);
  });

  it('lists every processed photo as pending, newest first, for the operator', async () => {
    const list = await moderation('pending');
    expect(list.counts).toEqual({ pending: 5, approved: 0, hidden: 0, blocked: 0 });
    expect(list.photos.map((p) => p.fileName).sort()).toEqual([...PHOTOS].sort());
    expect(list.photos.every((p) => p.state === 'pending' && p.blockedReason === null)).toBe(true);
  });

  it('shows only approved photos, newest approval first, and their previews only', async () => {
    expect((await approve(photoIds['lin-manuel-miranda.png']!)).body.state).toBe('approved');
    expect((await approve(photoIds['john2.jpg']!)).body.state).toBe('approved');
    expect(await onWall(key)).toEqual([photoIds['john2.jpg'], photoIds['lin-manuel-miranda.png']]);
    const listed = (await wall(key)).body.photos[0]!;
    expect(listed.url).toBe(`/api/wall/${key}/photos/${photoIds['john2.jpg']}`);

    const shown = await image(key, photoIds['john2.jpg']!);
    expect(shown.status).toBe(200);
    expect(shown.type).toBe('image/jpeg');
    expect(shown.cache).toMatch(/^private/);
    expect(shown.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await wall(key)).headers.get('cache-control')).toMatch(/^private/);

    expect((await image(key, photoIds['obama1.jpg']!)).status).toBe(404); // pending
    expect((await image(key, otherPhotoId)).status).toBe(404); // another event's
    expect((await image('BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', photoIds['john2.jpg']!)).status).toBe(404); // wrong key
    expect((await wall('BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB')).status).toBe(404);
  });

  it('hiding takes a photo off the wall', async () => {
    expect((await approve(photoIds['lin-manuel-miranda.png']!, false)).body.state).toBe('hidden');
    expect(await onWall(key)).toEqual([photoIds['john2.jpg']]);
    expect((await image(key, photoIds['lin-manuel-miranda.png']!)).status).toBe(404);
    expect((await moderation('hidden')).photos.map((p) => p.id)).toEqual([photoIds['lin-manuel-miranda.png']]);
  });

  it('a photo an attendee says is not them leaves the wall for good', async () => {
    const id = photoIds['obama1.jpg']!;
    await approve(id);
    expect(await onWall(key)).toContain(id);
    expect((await s.api('POST', `/api/photo/${id}/not-me`, { token: tokens.obama })).status).toBe(204);
    expect(await onWall(key)).not.toContain(id);
    expect((await image(key, id)).status).toBe(404);
    expect(await stateOf(id)).toEqual({ state: 'blocked', reason: 'not_me' });
    const again = await approve(id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'wall_photo_blocked' } });
  });

  it('every photo of an attendee who deletes their account leaves the wall for good', async () => {
    const [solo, pair] = [photoIds['biden2.jpg']!, photoIds['obama_and_biden.jpg']!];
    await approve(solo);
    await approve(pair);
    expect(await onWall(key)).toEqual(expect.arrayContaining([solo, pair]));
    expect((await s.api('DELETE', '/api/me', { token: tokens.biden })).status).toBe(204);
    expect(await onWall(key)).toEqual([photoIds['john2.jpg']]);
    expect(await stateOf(solo)).toEqual({ state: 'blocked', reason: 'account_deleted' });
    expect(await stateOf(pair)).toEqual({ state: 'blocked', reason: 'account_deleted' });
    expect((await approve(pair)).status).toBe(409);
  });

  it('and so does every photo of an attendee the operator removes', async () => {
    const id = photoIds['john2.jpg']!;
    expect((await s.admin('DELETE', `/api/admin/events/${event.id}/attendees/${attendeeIds[2]}`)).status).toBe(204);
    expect(await onWall(key)).toEqual([]);
    expect(await stateOf(id)).toEqual({ state: 'blocked', reason: 'account_deleted' });
    expect((await moderation('blocked')).counts).toEqual({ pending: 0, approved: 0, hidden: 1, blocked: 4 });
  });

  it('no wall answer held a name, a username, a file name or an attendee id', () => {
    const text = seen.join('\n');
    expect(seen.length).toBeGreaterThan(20);
    for (const word of [...Object.keys(PEOPLE), ...Object.values(PEOPLE), ...PHOTOS, ...attendeeIds]) {
      expect(text.toLowerCase(), word).not.toContain(word.toLowerCase());
    }
    // The two plain words, in the text without the photos' random ids (a UUID's hex can spell "face").
    const words = text.toLowerCase().replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    for (const word of ['attendee', 'face']) expect(words, word).not.toContain(word);
  });
});

describe('abuse', () => {
  it('refuses an unknown photo or a malformed key', async () => {
    expect((await approve('no-such-photo')).status).toBe(404);
    expect((await s.api('GET', '/api/wall/short')).status).toBe(400);
  });

  it('rate-limits the wall routes per client address', async () => {
    const limited = await startTestServer({ env: { FINDME_RATE_LIMIT_WALL: '5' } });
    try {
      const e = await limited.createEvent('Limits', 'WALL03');
      const key = keyOf((await limited.admin<WallStatus>('PUT', `/api/admin/events/${e.id}/wall`, { enabled: true })).body);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await limited.api('GET', `/api/wall/${key}`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
