// After a deletion nothing in the data folder identifies the person: a deleted attendee's
// e-mail, name, password hash and face descriptors (of the selfie, and of the faces in event
// photos that were matched to them) are found nowhere, byte for byte, in any file of the data
// folder (findme.db, its -wal and -shm); the same for an attendee of a purged event.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** Which files of the data folder hold these bytes. */
function filesHolding(needle: Buffer): string[] {
  return readdirSync(s.dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => readFileSync(path).includes(needle));
}

async function registerPerson(code: string, tag: string) {
  const email = `${tag}.secret-person@example.org`;
  const displayName = `Secret Person ${tag}`;
  const res = await s.api('POST', '/api/register', {
    body: { code, username: tag, email, displayName, password: `password of ${tag}`, consent: true },
  });
  expect(res.status).toBe(201);
  const row = s.findme.db.prepare('SELECT id, password_hash AS hash FROM attendees WHERE id = ?').get(res.body.attendee.id) as { id: string; hash: string };
  return { token: res.body.token as string, id: row.id, email, displayName, passwordHash: row.hash };
}

describe('a deleted attendee leaves no trace', () => {
  it('in the database files, after deleting their account', async () => {
    const event = await s.createEvent('Forget', 'FORGET');
    const person = await registerPerson(event.code, 'forgetme');
    expect((await uploadSelfie(s, person.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
    expect((await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg'), fixtureFile('photos/biden2.jpg')])).status).toBe(202);
    await waitForIdle(s);
    const selfie = s.findme.db.prepare('SELECT descriptor FROM selfies WHERE attendee_id = ?').get(person.id) as { descriptor: Buffer };
    const faces = s.findme.db
      .prepare(
        `SELECT f.descriptor FROM photo_faces f JOIN matches m ON m.photo_id = f.photo_id AND m.face_index = f.face_index
      WHERE m.attendee_id = ?`,
      )
      .all(person.id) as { descriptor: Buffer }[];
    expect(selfie.descriptor.length).toBeGreaterThan(100);
    expect(faces.length).toBeGreaterThan(0);
    const secrets = {
      email: Buffer.from(person.email),
      name: Buffer.from(person.displayName),
      hash: Buffer.from(person.passwordHash),
      selfie: selfie.descriptor,
      ...Object.fromEntries(faces.map((f, i) => [`face${i}`, f.descriptor])),
    };
    for (const [what, bytes] of Object.entries(secrets)) expect(filesHolding(bytes).length, `${what} before`).toBeGreaterThan(0);

    expect((await s.api('DELETE', '/api/me', { token: person.token })).status).toBe(204);
    for (const [what, bytes] of Object.entries(secrets)) expect(filesHolding(bytes), what).toEqual([]);
    // The other photo's face (someone else) is still there to be matched.
    expect((s.findme.db.prepare('SELECT COUNT(*) AS n FROM photo_faces').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('in the database files, after purging their event', async () => {
    const event = await s.createEvent('Purged', 'PURGED');
    const person = await registerPerson(event.code, 'purgeme');
    expect(filesHolding(Buffer.from(person.email)).length).toBeGreaterThan(0);
    expect((await s.admin('DELETE', `/api/admin/events/${event.id}`)).status).toBeLessThan(300);
    for (const bytes of [person.email, person.displayName, person.passwordHash].map((x) => Buffer.from(x))) {
      expect(filesHolding(bytes), bytes.toString()).toEqual([]);
    }
  });
});
