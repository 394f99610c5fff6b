// The fixture event of the face pipeline test, through Rekognition (the stand-in): 5 attendees,
// all photos, every gallery exactly as the manifest says; a stranger matches nobody; a late
// selfie fills its gallery from the photos already indexed; the selfie checks are the local
// engine's; deleting an account removes its user and faces from the collection.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor, fixture, fixtureFile, galleryFileNames, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register } from '../../helpers/test-server.js';
import { startWithStandIn, type RekognitionEnv } from './harness.js';

let env: RekognitionEnv;
let event: { id: string; code: string };
const tokens: Record<string, string> = {};
const LATE = 'rose_leslie';
const collectionId = () => `findme-${event.id}`;

beforeAll(async () => {
  // The event chooses Rekognition; the global engine stays local.
  env = await startWithStandIn({ global: false });
  event = await env.s.createEvent('Rekognition fixtures', 'REKOG1');
  expect((await env.s.admin('PUT', '/api/admin/settings', { eventFaceEngines: { [event.id]: 'rekognition' } })).status).toBe(200);
  for (const name of manifest.attendees) {
    tokens[name] = (await register(env.s, { code: event.code, username: name, password: `password-${name}` })).token;
  }
}, 120_000);
afterAll(() => env?.close());

describe('the fixture event through Rekognition', () => {
  it('accepts one selfie per early attendee and makes one user each', async () => {
    for (const name of manifest.attendees.filter((n) => n !== LATE)) {
      expect((await uploadSelfie(env.s, tokens[name]!, readFileSync(fixture(manifest.selfies[name]!)))).status).toBe(202);
    }
    await waitForIdle(env.s);
    for (const name of manifest.attendees.filter((n) => n !== LATE)) {
      const me = (await env.s.api('GET', '/api/me', { token: tokens[name] })).body;
      expect(me.selfies, name).toEqual([{ id: expect.any(String), status: 'accepted' }]);
    }
    const inside = env.standin.state.inspect(collectionId())!;
    expect(inside.users).toHaveLength(4);
    expect(inside.users.every((u) => u.faces === 1)).toBe(true);
    expect(env.standin.stats.calls.CreateCollection).toBe(1);
  });

  it('matches every face of every photo to exactly the attendees the manifest lists', async () => {
    const photos = Object.keys(manifest.photos);
    expect((await uploadPhotos(env.s, event.id, photos.map(fixtureFile))).status).toBe(202);
    await waitForIdle(env.s);
    const list = (await env.s.admin('GET', `/api/admin/events/${event.id}/photos?limit=1000`)).body.photos as {
      fileName: string;
      status: string;
      faceCount: number;
      attendeeIds: string[];
    }[];
    expect(list.filter((p) => p.status !== 'done')).toEqual([]);
    const lin = list.find((p) => p.fileName === 'lin-manuel-miranda.png')!;
    expect(lin.faceCount).toBe(1);
    expect(lin.attendeeIds).toEqual([]); // a stranger matches nobody
    expect(list.find((p) => p.fileName === 'kit_with_rose.jpg')!.faceCount).toBe(2);
    for (const name of manifest.attendees) {
      expect(await galleryFileNames(env.s, event.id, tokens[name]!), name).toEqual(name === LATE ? [] : expectedFor(name));
    }
    // Rekognition keeps the vectors: FindMe keeps each face's FaceId and an empty descriptor.
    const faces = env.s.findme.db.prepare('SELECT rekognition_face_id AS id, length(descriptor) AS len FROM photo_faces WHERE event_id = ?').all(event.id) as {
      id: string | null;
      len: number;
    }[];
    expect(faces.length).toBeGreaterThan(photos.length);
    expect(faces.every((f) => f.id && f.len === 0)).toBe(true);
    expect(env.standin.stats.calls.SearchUsers).toBe(faces.length); // every face searched, not only the largest
  });

  it("fills a late selfie's gallery from the photos already indexed", async () => {
    expect((await uploadSelfie(env.s, tokens[LATE]!, readFileSync(fixture(manifest.selfies[LATE]!)))).status).toBe(202);
    await waitForIdle(env.s);
    expect(await galleryFileNames(env.s, event.id, tokens[LATE]!)).toEqual(expectedFor(LATE));
  });

  it('runs a photo job twice with the same result and no duplicate faces or matches', async () => {
    const before = env.s.findme.db.prepare('SELECT photo_id, attendee_id FROM matches ORDER BY 1, 2').all();
    const facesBefore = env.standin.state.inspect(collectionId())!.faces;
    const job = env.s.findme.db
      .prepare(`SELECT j.id FROM jobs j JOIN photos p ON p.id = j.ref_id WHERE j.kind = 'photo' AND p.file_name = 'two_people.jpg'`)
      .get() as { id: number };
    env.s.findme.db.prepare(`UPDATE jobs SET state = 'failed' WHERE id = ?`).run(job.id);
    expect((await env.s.admin('POST', `/api/admin/jobs/${job.id}/retry`)).status).toBe(202);
    await waitForIdle(env.s);
    expect(env.s.findme.db.prepare('SELECT photo_id, attendee_id FROM matches ORDER BY 1, 2').all()).toEqual(before);
    expect(env.standin.state.inspect(collectionId())!.faces).toBe(facesBefore); // the old faces were replaced, not added to
  });

  it('refuses selfies as the local engine does: two people, no face, a tiny face', async () => {
    const { token } = await register(env.s, { code: event.code, username: 'checks' });
    const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8ab' } })
      .jpeg()
      .toBuffer();
    const tiny = await sharp(fixture('selfies/obama.jpg'))
      .resize(90)
      .extend({ top: 300, bottom: 300, left: 300, right: 300, background: '#fff' })
      .jpeg()
      .toBuffer();
    const facesBefore = env.standin.state.inspect(collectionId())!.faces;
    for (const bytes of [readFileSync(fixture('photos/two_people.jpg')), blank, tiny]) expect((await uploadSelfie(env.s, token, bytes)).status).toBe(202);
    await waitForIdle(env.s);
    const selfies = (await env.s.api('GET', '/api/me', { token })).body.selfies as { reason: string }[];
    expect(selfies.map((x) => x.reason)).toEqual(['several_faces', 'no_face', 'face_too_small']);
    expect(env.standin.state.inspect(collectionId())!.faces).toBe(facesBefore); // refused faces are not kept
  });

  it("removes a deleted attendee's user and selfie faces from the collection", async () => {
    const users = () => env.standin.state.inspect(collectionId())!.users.length;
    const before = users();
    expect((await env.s.api('DELETE', '/api/me', { token: tokens.biden })).status).toBe(204);
    await expect.poll(users, { timeout: 10_000 }).toBe(before - 1);
  });

  it("deletes the event's collection when the event is purged", async () => {
    expect(env.standin.state.collectionIds()).toContain(collectionId());
    expect((await env.s.admin('DELETE', `/api/admin/events/${event.id}`)).status).toBe(204);
    expect(env.standin.state.collectionIds()).not.toContain(collectionId());
    expect(env.s.findme.db.prepare('SELECT COUNT(*) AS n FROM rekognition_collections').get()).toEqual({ n: 0 });
  });
});
