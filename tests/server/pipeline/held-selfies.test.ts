// One face, one account, the operator's side: a selfie of a face another attendee already
// registered is held; the admin API lists it with both attendees, serves the two selfies to
// compare, and applies the decision (refused: face_of_another_attendee; accepted: matched, the
// first account keeping its photos). Real app, real model, real fixture faces.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureFile, galleryFileNames, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let event: { id: string; code: string };
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  event = await s.createEvent('One face', 'ONEFACE');
});
afterAll(() => s.close());

const OBAMA_PHOTOS = ['obama1.jpg', 'obama2.jpg', 'obama3.jpg'];

async function registerAs(username: string, displayName: string) {
  const res = await s.api('POST', '/api/register', {
    body: { code: event.code, username, displayName, password: 'correct horse battery', consent: true },
  });
  expect(res.status).toBe(201);
  return res.body as { token: string; attendee: { id: string; username: string; displayName: string } };
}

/** Uploads a selfie and waits for its outcome (the job is done when it is accepted, rejected or held). */
async function selfieOutcome(token: string, rel: string) {
  const up = await uploadSelfie(s, token, readFileSync(fixture(rel)));
  expect(up.status).toBe(202);
  await waitForIdle(s);
  const me = await s.api('GET', '/api/me', { token });
  return me.body.selfies.find((x: { id: string }) => x.id === up.body.selfie.id) as { id: string; status: string; reason?: string };
}

const held = async () => {
  const res = await s.admin('GET', `/api/admin/events/${event.id}/held-selfies`);
  expect(res.status).toBe(200);
  return res.body.selfies as {
    id: string;
    attendee: { id: string };
    heldFor: { id: string; displayName: string; username: string };
    heldForSelfieId: string;
    heldAt: string;
  }[];
};
const image = (selfieId: string, token: string | null = s.adminToken) =>
  fetch(`${s.adminUrl}/api/admin/selfies/${selfieId}/image`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

let alice: Awaited<ReturnType<typeof registerAs>>;
let aliceSelfie: string;
let bob: Awaited<ReturnType<typeof registerAs>>;

describe('one face, one account: the operator decides', () => {
  beforeAll(async () => {
    alice = await registerAs('alice', 'Alice First');
    const first = await selfieOutcome(alice.token, 'selfies/obama.jpg');
    expect(first.status).toBe('accepted');
    aliceSelfie = first.id;
    expect(
      (
        await uploadPhotos(
          s,
          event.id,
          OBAMA_PHOTOS.map((n) => fixtureFile(`photos/${n}`)),
        )
      ).status,
    ).toBe(202);
    await waitForIdle(s);
    expect(await galleryFileNames(s, event.id, alice.token)).toEqual(OBAMA_PHOTOS);
    bob = await registerAs('bob', 'Bob Second');
  }, 180_000);

  it('holds a selfie of the same face, lists it with both attendees and serves both selfies', async () => {
    const outcome = await selfieOutcome(bob.token, 'photos/obama1.jpg');
    expect(outcome.status).toBe('held');
    expect(outcome.reason).toBeUndefined();

    const list = await held();
    expect(list).toHaveLength(1);
    expect(list[0]).toEqual({
      id: outcome.id,
      attendee: { id: bob.attendee.id, displayName: 'Bob Second', username: 'bob' },
      heldFor: { id: alice.attendee.id, displayName: 'Alice First', username: 'alice' },
      heldForSelfieId: aliceSelfie,
      heldAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const attendees = (await s.admin('GET', `/api/admin/events/${event.id}/attendees`)).body.attendees as { id: string; selfieStatus: string }[];
    expect(attendees.find((a) => a.id === bob.attendee.id)?.selfieStatus).toBe('held');
    // A held selfie finds no photo.
    expect(await galleryFileNames(s, event.id, bob.token)).toEqual([]);

    for (const id of [outcome.id, aliceSelfie]) {
      const res = await image(id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    }
  }, 120_000);

  it('refuses without the token, for unknown ids and for bad bodies', async () => {
    const [id] = (await held()).map((h) => h.id);
    expect((await image(id!, null)).status).toBe(401);
    expect((await image(id!, 'wrong-token-wrong-token')).status).toBe(401);
    const listNoToken = await fetch(`${s.adminUrl}/api/admin/events/${event.id}/held-selfies`);
    expect(listNoToken.status).toBe(401);
    const decideNoToken = await fetch(`${s.adminUrl}/api/admin/selfies/${id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accept: true }),
    });
    expect(decideNoToken.status).toBe(401);

    const unknown = await s.admin('POST', '/api/admin/selfies/00000000-0000-0000-0000-000000000000/decision', { accept: false });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await image('00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await s.admin('GET', '/api/admin/events/nope/held-selfies')).body.error.code).toBe('event_not_found');
    for (const body of [{}, { accept: 'yes' }, { accept: true, extra: 1 }]) {
      const bad = await s.admin('POST', `/api/admin/selfies/${id}/decision`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    // An accepted selfie that no held selfie is compared with is not served.
    const carol = await registerAs('carol', 'Carol');
    const carolSelfie = await selfieOutcome(carol.token, 'selfies/biden.jpg');
    expect(carolSelfie.status).toBe('accepted');
    expect((await image(carolSelfie.id)).status).toBe(404);
    expect(await held()).toHaveLength(1);
  }, 120_000);

  it('"same person": refused with face_of_another_attendee; a second decision is 409 not_held', async () => {
    const [h] = await held();
    const res = await s.admin('POST', `/api/admin/selfies/${h!.id}/decision`, { accept: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: h!.id, status: 'rejected', reason: 'face_of_another_attendee' });
    const me = await s.api('GET', '/api/me', { token: bob.token });
    expect(me.body.selfies).toEqual([{ id: h!.id, status: 'rejected', reason: 'face_of_another_attendee' }]);
    expect(await held()).toEqual([]);
    expect(await galleryFileNames(s, event.id, bob.token)).toEqual([]);
    expect(await galleryFileNames(s, event.id, alice.token)).toEqual(OBAMA_PHOTOS);

    const again = await s.admin('POST', `/api/admin/selfies/${h!.id}/decision`, { accept: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_held');
    const accepted = await s.admin('POST', `/api/admin/selfies/${aliceSelfie}/decision`, { accept: false });
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.code).toBe('not_held');
    // Nothing left to review: neither selfie is served any more.
    expect((await image(h!.id)).status).toBe(404);
    expect((await image(aliceSelfie)).status).toBe(404);
  }, 120_000);

  it('"different people": accepted and matched; the first account keeps its photos', async () => {
    const outcome = await selfieOutcome(bob.token, 'photos/obama1.jpg');
    expect(outcome.status).toBe('held');
    const [h] = await held();
    expect(h!.id).toBe(outcome.id);

    const res = await s.admin('POST', `/api/admin/selfies/${outcome.id}/decision`, { accept: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: outcome.id, status: 'accepted' });
    expect(await held()).toEqual([]);
    const me = await s.api('GET', '/api/me', { token: bob.token });
    expect(me.body.selfies.at(-1)).toEqual({ id: outcome.id, status: 'accepted' });
    // Bob's selfie is this very photo: its face is nearer to him than to Alice's selfie.
    const bobs = await galleryFileNames(s, event.id, bob.token);
    expect(bobs).toContain('obama1.jpg');
    expect(me.body.photoCount).toBe(bobs.length);
    expect(await galleryFileNames(s, event.id, alice.token)).toEqual(OBAMA_PHOTOS);
    const attendees = (await s.admin('GET', `/api/admin/events/${event.id}/attendees`)).body.attendees as { id: string; selfieStatus: string }[];
    expect(attendees.find((a) => a.id === bob.attendee.id)?.selfieStatus).toBe('accepted');
  }, 120_000);
});
