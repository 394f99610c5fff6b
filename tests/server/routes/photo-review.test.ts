// A photo's page over real HTTP, with real photos through the real pipeline: GET /api/admin/photos/:id
// (faces, boxes, who each went to), PUT …/faces/:index (a face given or taken away, and those
// decisions surviving a new selfie's rematch and the photo's job run again), DELETE (files, rows,
// job, and the live events to the phones and the dashboard), and the errors with their codes.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDetail } from '../../../server/contract/admin.js';
import { blobToDescriptor } from '../../../server/db/repositories/photos-repo.js';
import { fixture, fixtureFile, galleryFileNames, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let event: { id: string; code: string };
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const photoIds: Record<string, string> = {};
const streams = new AbortController();

interface Seen {
  event: string;
  data: { photoId?: string; eventId?: string };
}

/** Reads a server-sent event stream into `into` until the test ends. */
async function listen(url: string, token: string, into: Seen[]) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: streams.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let opened = false;
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        opened = true;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const name = /^event: (.*)$/m.exec(chunk)?.[1];
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (name && data) into.push({ event: name, data: JSON.parse(data) as Seen['data'] });
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await expect.poll(() => opened).toBe(true);
}

const detail = async (photoId: string) => {
  const res = await s.admin<PhotoDetail>('GET', `/api/admin/photos/${photoId}`);
  expect(res.status).toBe(200);
  return res.body;
};
const faceOf = (d: PhotoDetail, attendeeId: string) => d.faces.find((f) => f.attendeeId === attendeeId);
const gallery = (name: string) => galleryFileNames(s, event.id, tokens[name]!);

/** The photo's job run once more, as a model upgrade or an operator's retry does. */
async function runJobAgain(photoId: string) {
  expect(s.findme.repos.jobs.runAgain('photo', photoId, Date.now())).toBe(true);
  s.findme.scheduler.notify();
  await waitForIdle(s);
}

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
  event = await s.createEvent('Photo review', 'REVIEW1');
  for (const name of ['obama', 'biden', 'alex_lacamoire']) {
    const r = await register(s, { code: event.code, username: name });
    tokens[name] = r.token;
    ids[name] = r.attendee.id;
    expect((await uploadSelfie(s, r.token, readFileSync(fixture(`selfies/${name}.jpg`)))).status).toBe(202);
  }
  await waitForIdle(s);
  const up = await uploadPhotos(s, event.id, ['photos/two_people.jpg', 'photos/obama1.jpg'].map(fixtureFile));
  expect(up.status).toBe(202);
  for (const p of up.body.photos as { id: string; fileName: string }[]) photoIds[p.fileName] = p.id;
  await waitForIdle(s);
}, 180_000);

afterAll(async () => {
  streams.abort();
  await s?.close();
});

describe('GET /api/admin/photos/:id', () => {
  it('gives the photo and each face with its box and the attendee it went to', async () => {
    const d = await detail(photoIds['two_people.jpg']!);
    expect(d.photo).toMatchObject({ id: photoIds['two_people.jpg'], eventId: event.id, fileName: 'two_people.jpg', status: 'done', faceCount: 2 });
    expect(d.photo.width).toBeGreaterThan(0);
    expect(d.photo.height).toBeGreaterThan(0);
    expect(d.faces.map((f) => f.index)).toEqual([0, 1]);
    for (const f of d.faces) {
      expect(f.box.x).toBeGreaterThanOrEqual(0);
      expect(f.box.x + f.box.width).toBeLessThanOrEqual(d.photo.width! + 1);
      expect(f.box.y + f.box.height).toBeLessThanOrEqual(d.photo.height! + 1);
      expect(f.byOperator).toBe(false);
      expect(f.distance).toEqual(expect.any(Number));
    }
    expect(faceOf(d, ids.obama!)?.attendee).toEqual({ id: ids.obama, displayName: 'obama', username: 'obama' });
    expect(faceOf(d, ids.biden!)).toBeDefined();
    expect(d.unplaced).toEqual([]);
    // The whole preview is served to the dashboard.
    const preview = await fetch(`${s.adminUrl}${d.photo.previewUrl}`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/jpeg');
  });
});

describe('PUT /api/admin/photos/:id/faces/:index', () => {
  const phoneOf: Record<string, Seen[]> = { biden: [], alex_lacamoire: [] };

  it("gives biden's face to alex: biden's phone drops the photo, alex's gains it", async () => {
    await listen(`${s.attendeeUrl}/api/stream`, tokens.biden!, phoneOf.biden!);
    await listen(`${s.attendeeUrl}/api/stream`, tokens.alex_lacamoire!, phoneOf.alex_lacamoire!);
    const photoId = photoIds['two_people.jpg']!;
    const index = faceOf(await detail(photoId), ids.biden!)!.index;
    const res = await s.admin<PhotoDetail>('PUT', `/api/admin/photos/${photoId}/faces/${index}`, { attendeeId: ids.alex_lacamoire });
    expect(res.status).toBe(200);
    expect(res.body.faces[index]).toMatchObject({ attendeeId: ids.alex_lacamoire, byOperator: true, distance: null });
    expect(res.body.faces[index]!.attendee?.displayName).toBe('alex_lacamoire');
    await expect.poll(() => phoneOf.biden!).toContainEqual({ event: 'photo-removed', data: { photoId } });
    await expect.poll(() => phoneOf.alex_lacamoire!).toContainEqual({ event: 'match', data: expect.objectContaining({ photoId }) });
    expect(await gallery('biden')).toEqual([]);
    expect(await gallery('alex_lacamoire')).toEqual(['two_people.jpg']);
  });

  it("survives biden's new selfie (rematch) and the photo's job run again", async () => {
    const photoId = photoIds['two_people.jpg']!;
    expect((await uploadSelfie(s, tokens.biden!, readFileSync(fixture('photos/biden2.jpg')))).status).toBe(202);
    await waitForIdle(s);
    const me = (await s.api('GET', '/api/me', { token: tokens.biden })).body;
    expect(me.selfies.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    expect(await gallery('biden')).toEqual([]);
    await runJobAgain(photoId);
    expect(await gallery('biden')).toEqual([]);
    expect(await gallery('alex_lacamoire')).toEqual(['two_people.jpg']);
    const d = await detail(photoId);
    expect(d.faces.filter((f) => f.byOperator).map((f) => f.attendeeId)).toEqual([ids.alex_lacamoire]);
    expect(faceOf(d, ids.obama!)?.byOperator).toBe(false);
  });

  it('takes the face away from alex for good: the phone drops it, a rerun gives it to no one', async () => {
    const photoId = photoIds['two_people.jpg']!;
    const index = faceOf(await detail(photoId), ids.alex_lacamoire!)!.index;
    const res = await s.admin<PhotoDetail>('PUT', `/api/admin/photos/${photoId}/faces/${index}`, { attendeeId: null });
    expect(res.status).toBe(200);
    expect(res.body.faces[index]).toMatchObject({ attendeeId: null, attendee: null, byOperator: false });
    await expect.poll(() => phoneOf.alex_lacamoire!).toContainEqual({ event: 'photo-removed', data: { photoId } });
    expect(await gallery('alex_lacamoire')).toEqual([]);
    await runJobAgain(photoId);
    const d = await detail(photoId);
    expect(d.faces[index]!.attendeeId).toBeNull();
    expect(faceOf(d, ids.obama!)).toBeDefined();
    expect(await gallery('biden')).toEqual([]);
  });

  it('gives the face back to biden: his refusal is lifted, the photo comes back', async () => {
    const photoId = photoIds['two_people.jpg']!;
    const d = await detail(photoId);
    const index = d.faces.find((f) => f.attendeeId === null)!.index;
    const res = await s.admin<PhotoDetail>('PUT', `/api/admin/photos/${photoId}/faces/${index}`, { attendeeId: ids.biden });
    expect(res.body.faces[index]).toMatchObject({ attendeeId: ids.biden, byOperator: true });
    expect(await gallery('biden')).toEqual(['two_people.jpg']);
  });

  it("keeps the operator's face through a description that finds the faces in another order, and gives it to no one else", async () => {
    const photoId = photoIds['two_people.jpg']!;
    const before = await detail(photoId);
    const bidenBox = faceOf(before, ids.biden!)!.box;
    const rows = s.findme.db
      .prepare('SELECT face_index AS i, box, score, descriptor, model FROM photo_faces WHERE photo_id = ? ORDER BY face_index')
      .all(photoId) as {
      i: number;
      box: string;
      score: number;
      descriptor: Buffer;
      model: string;
    }[];
    const reversed = rows.reverse().map((r, faceIndex) => ({ faceIndex, box: JSON.parse(r.box), score: r.score, descriptor: blobToDescriptor(r.descriptor) }));
    const { photos, matches } = s.findme.repos;
    s.findme.db.transaction(() =>
      photos.saveResult(photoId, event.id, rows[0]!.model, { width: before.photo.width!, height: before.photo.height!, faces: reversed }, Date.now()),
    )();
    const after = await detail(photoId);
    expect(faceOf(after, ids.biden!)).toMatchObject({ box: bidenBox, byOperator: true });
    expect(faceOf(after, ids.biden!)!.index).not.toBe(faceOf(before, ids.biden!)!.index);
    // Automatic matching does not give that face to anyone else.
    const taken = faceOf(after, ids.biden!)!.index;
    expect(matches.insertMany([{ photoId, attendeeId: ids.alex_lacamoire!, eventId: event.id, faceIndex: taken, distance: 0.1 }], Date.now())).toEqual([]);
  });

  it('answers 404 and 400 with their codes', async () => {
    const photoId = photoIds['two_people.jpg']!;
    const put = (path: string, body: unknown) => s.admin('PUT', path, body);
    const unknown = await s.admin('GET', '/api/admin/photos/no-such-photo');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const noFace = await put(`/api/admin/photos/${photoId}/faces/7`, { attendeeId: null });
    expect([noFace.status, noFace.body.error.code]).toEqual([404, 'face_not_found']);
    const noPhoto = await put('/api/admin/photos/no-such-photo/faces/0', { attendeeId: null });
    expect([noPhoto.status, noPhoto.body.error.code]).toEqual([404, 'not_found']);
    const elsewhere = await s.createEvent('Elsewhere', 'ELSEW1');
    const stranger = await register(s, { code: elsewhere.code, username: 'stranger' });
    const wrong = await put(`/api/admin/photos/${photoId}/faces/0`, { attendeeId: stranger.attendee.id });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'attendee_not_in_event']);
    for (const body of [{}, { attendeeId: '../x' }, { attendeeId: null, extra: 1 }]) {
      const bad = await put(`/api/admin/photos/${photoId}/faces/0`, body);
      expect([bad.status, bad.body.error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
    const badIndex = await put(`/api/admin/photos/${photoId}/faces/-1`, { attendeeId: null });
    expect([badIndex.status, badIndex.body.error.code]).toEqual([400, 'invalid_request']);
    const anonymous = await fetch(`${s.adminUrl}/api/admin/photos/${photoId}`, { method: 'DELETE' });
    expect(anonymous.status).toBe(401);
    expect((await detail(photoId)).faces).toHaveLength(2);
  });
});

describe('DELETE /api/admin/photos/:id', () => {
  it('removes the files, faces, matches and job, and tells the phones and the dashboard', async () => {
    const photoId = photoIds['obama1.jpg']!;
    const photo = s.findme.repos.photos.findById(photoId)!;
    const dir = join(s.dataDir, 'events', event.id);
    const paths = [join(dir, 'originals', `${photoId}${photo.ext}`), join(dir, 'previews', `${photoId}.jpg`), join(dir, 'thumbs', `${photoId}.jpg`)];
    for (const p of paths) expect(existsSync(p), p).toBe(true);
    expect(await gallery('obama')).toEqual(['obama1.jpg', 'two_people.jpg']);
    const phone: Seen[] = [];
    const dashboard: Seen[] = [];
    await listen(`${s.attendeeUrl}/api/stream`, tokens.obama!, phone);
    await listen(`${s.adminUrl}/api/admin/stream`, s.adminToken, dashboard);

    const res = await s.admin('DELETE', `/api/admin/photos/${photoId}`);
    expect(res.status).toBe(204);
    for (const p of paths) expect(existsSync(p), p).toBe(false);
    const count = (sql: string) => (s.findme.db.prepare(sql).get(photoId) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM photos WHERE id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM photo_faces WHERE photo_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM matches WHERE photo_id = ?')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'photo' AND ref_id = ?")).toBe(0);
    await expect.poll(() => phone).toContainEqual({ event: 'photo-removed', data: { photoId } });
    await expect.poll(() => dashboard).toContainEqual({ event: 'photo-removed', data: { eventId: event.id, photoId } });
    expect(await gallery('obama')).toEqual(['two_people.jpg']);
    const list = (await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos as { id: string }[];
    expect(list.map((p) => p.id)).not.toContain(photoId);
    const again = await s.admin('DELETE', `/api/admin/photos/${photoId}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);
    // It does not come back by itself: a folder import (as the hot folder at the next start, or a
    // camera sending again) of the same bytes is a duplicate of the deleted photo...
    const folder = mkdtempSync(join(tmpdir(), 'findme-deleted-'));
    copyFileSync(fixture('photos/obama1.jpg'), join(folder, 'IMG_0001.jpg'));
    const imported = await s.admin('POST', `/api/admin/events/${event.id}/import`, { folder });
    expect([imported.body.queued, imported.body.duplicates]).toEqual([0, 1]);
    rmSync(folder, { recursive: true, force: true });
    // ...while the operator's own upload of the file brings it back, as a new photo.
    const up = await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg')]);
    expect(up.body.duplicates).toEqual([]);
    await waitForIdle(s);
  });

  it('leaves no file behind when the photo is deleted while its job runs', async () => {
    let deleting: Promise<{ status: number }> | undefined;
    const off = s.findme.bus.on('photo', (e) => {
      if (e.fileName === 'obama2.jpg' && e.status === 'processing' && !deleting) deleting = s.admin('DELETE', `/api/admin/photos/${e.photoId}`);
    });
    const up = await uploadPhotos(s, event.id, [fixtureFile('photos/obama2.jpg')]);
    const photoId = (up.body.photos as { id: string }[])[0]!.id;
    await expect.poll(() => deleting !== undefined, { timeout: 30_000 }).toBe(true);
    expect((await deleting!).status).toBe(204);
    off();
    await waitForIdle(s);
    const dir = join(s.dataDir, 'events', event.id);
    for (const sub of ['originals', 'previews', 'thumbs'])
      expect(
        readdirSync(join(dir, sub)).filter((f) => f.startsWith(photoId)),
        sub,
      ).toEqual([]);
    const count = (sql: string) => (s.findme.db.prepare(sql).get(photoId) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM photo_faces WHERE photo_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM matches WHERE photo_id = ?')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'photo' AND ref_id = ?")).toBe(0);
    expect(await gallery('obama')).not.toContain('obama2.jpg');
  });
});
