// Deleting while a worker is busy leaves nothing behind: an account deleted while its selfie is
// being checked loses the selfie file the worker writes afterwards; an event purged while its
// photos are processed loses the previews and thumbnails written afterwards. The deletion is
// started the moment the job starts (from the live bus, as the dashboard sees it).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
});
afterAll(() => s.close());

/** Every file under a folder (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Runs `action` once, when the next job of `kind` starts. */
function whenJobStarts(kind: 'selfie' | 'photo', action: () => Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = s.findme.bus.on('job', (e) => {
      if (e.kind !== kind || e.state !== 'running') return;
      off();
      action().then(() => resolve(), reject);
    });
  });
}

describe('deleting during a job', () => {
  it('an account deleted while its selfie is checked leaves no selfie file (3 tries)', async () => {
    const event = await s.createEvent('Selfie race', 'SRACE1');
    const selfiesDir = join(s.dataDir, 'events', event.id, 'selfies');
    for (let i = 0; i < 3; i++) {
      const { token } = await register(s, { code: event.code, username: `racer${i}` });
      const deleted = whenJobStarts('selfie', async () => {
        expect((await s.api('DELETE', '/api/me', { token })).status).toBe(204);
      });
      expect((await uploadSelfie(s, token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
      await deleted;
      await waitForIdle(s);
      expect(filesUnder(selfiesDir), `try ${i + 1}`).toEqual([]);
    }
  });

  it('an event purged during an ingest leaves no preview or thumbnail', async () => {
    const event = await s.createEvent('Purge race', 'PRACE1');
    const eventDir = join(s.dataDir, 'events', event.id);
    const purged = whenJobStarts('photo', async () => {
      expect((await s.admin('DELETE', `/api/admin/events/${event.id}`)).status).toBeLessThan(300);
    });
    const photos = ['photos/alex_lacamoire1.jpg', 'photos/32bit.png', 'photos/obama3.jpg', 'photos/two_people.jpg', 'photos/obama_and_biden.jpg'];
    const upload = await uploadPhotos(s, event.id, photos.map(fixtureFile));
    // The purge may land while the upload is still arriving: the event is gone, not a server error.
    expect([202, 404]).toContain(upload.status);
    await purged;
    await waitForIdle(s);
    expect(filesUnder(eventDir)).toEqual([]);
    expect(existsSync(eventDir)).toBe(false);
  });

  it('an event purged while its photos are processed leaves no preview or thumbnail', async () => {
    const event = await s.createEvent('Purge race 2', 'PRACE2');
    const eventDir = join(s.dataDir, 'events', event.id);
    const photos = [
      'photos/alex_lacamoire1.jpg',
      'photos/32bit.png',
      'photos/obama3.jpg',
      'photos/two_people.jpg',
      'photos/obama_and_biden.jpg',
      'photos/obama_partial_face.jpg',
    ];
    expect((await uploadPhotos(s, event.id, photos.map(fixtureFile))).status).toBe(202);
    // The next photo job to start (two are already running) is purged under its worker's feet.
    await whenJobStarts('photo', async () => {
      expect((await s.admin('DELETE', `/api/admin/events/${event.id}`)).status).toBeLessThan(300);
    });
    await waitForIdle(s);
    expect(filesUnder(eventDir)).toEqual([]);
    expect(existsSync(eventDir)).toBe(false);
  });
});
