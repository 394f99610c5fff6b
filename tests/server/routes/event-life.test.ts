// The event's life over real HTTP: rename, close and reopen registrations (PATCH), count what a
// purge erases, purge.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAME_MAX } from '../../../server/contract/limits.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let gala: { id: string; code: string };

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  gala = await s.createEvent('Gala', 'GALA26');
});
afterAll(() => s.close());

const patch = (id: string, body: unknown) => s.admin('PATCH', `/api/admin/events/${id}`, body);
const registerAs = (username: string) =>
  s.api('POST', '/api/register', { body: { code: gala.code, username, password: 'correct horse battery', consent: true } });

describe('PATCH /api/admin/events/:id', () => {
  it('renames the event: the answer, the list and the phones see the new name', async () => {
    expect((await s.api('GET', '/api/check-event-code?code=GALA26')).body.event.name).toBe('Gala'); // cached
    const res = await patch(gala.id, { name: '  Gala night 2026 ' });
    expect(res.status).toBe(200);
    expect(res.body.event).toMatchObject({ id: gala.id, name: 'Gala night 2026', code: 'GALA26', registrationOpen: true, attendeeCount: 0 });
    const list = (await s.admin('GET', '/api/admin/events')).body.events;
    expect(list.find((e: { id: string }) => e.id === gala.id).name).toBe('Gala night 2026');
    expect((await s.api('GET', '/api/check-event-code?code=GALA26')).body).toMatchObject({
      valid: true,
      event: { id: gala.id, name: 'Gala night 2026', registrationOpen: true },
    });
  });

  it('validates the name like creation, and refuses unknown fields', async () => {
    for (const body of [{ name: '' }, { name: 'x'.repeat(EVENT_NAME_MAX + 1) }, { name: 3 }, { code: 'NEWCODE' }, { registrationOpen: 'no' }]) {
      const res = await patch(gala.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    const blank = await patch(gala.id, { name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('invalid_request');
    expect((await patch(gala.id, { name: 'x'.repeat(EVENT_NAME_MAX) })).status).toBe(200);
    expect((await patch(gala.id, { name: 'Gala night 2026' })).body.event.name).toBe('Gala night 2026');
  });

  it('answers 404 event_not_found for an unknown event', async () => {
    const res = await patch('no-such-event', { name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('event_not_found');
  });

  it('closes registrations: registering is 403 registration_closed, logging in still works; reopening lets people in', async () => {
    const before = await registerAs('early');
    expect(before.status).toBe(201);
    const closed = await patch(gala.id, { registrationOpen: false });
    expect(closed.status).toBe(200);
    expect(closed.body.event).toMatchObject({ name: 'Gala night 2026', registrationOpen: false, attendeeCount: 1 });
    expect((await s.api('GET', '/api/check-event-code?code=gala26')).body.event.registrationOpen).toBe(false);
    expect((await s.admin('GET', '/api/admin/events')).body.events[0].registrationOpen).toBe(false);

    const refused = await registerAs('late');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('registration_closed');
    expect((await s.api('POST', '/api/login', { body: { identifier: 'early', password: 'correct horse battery' } })).status).toBe(200);

    // Renaming alone leaves the switch as it is.
    expect((await patch(gala.id, { name: 'Gala night' })).body.event.registrationOpen).toBe(false);
    expect((await patch(gala.id, { registrationOpen: true })).body.event.registrationOpen).toBe(true);
    expect((await registerAs('late')).status).toBe(201);
  });

  it('keeps the switch across a restart', async () => {
    const other = await startTestServer();
    const event = await other.createEvent('Kept', 'KEPT01');
    await other.admin('PATCH', `/api/admin/events/${event.id}`, { registrationOpen: false });
    await other.close(true);
    const again = await startTestServer({ dataDir: other.dataDir });
    try {
      expect((await again.api('GET', '/api/check-event-code?code=KEPT01')).body.event.registrationOpen).toBe(false);
    } finally {
      await again.close();
    }
  });
});

describe('what a purge erases', () => {
  it('counts the attendees, selfies, photos, faces and matches, then the purge erases them', async () => {
    const event = await s.createEvent('Counted', 'COUNT1');
    const obama = await register(s, { code: event.code, username: 'obama' });
    await register(s, { code: event.code, username: 'nobody' });
    expect((await uploadSelfie(s, obama.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
    await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg'), fixtureFile('photos/obama2.jpg')]);
    await waitForIdle(s);
    const res = await s.admin('GET', `/api/admin/events/${event.id}/contents`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ attendees: 2, selfies: 1, photos: 2 });
    expect(res.body.faces).toBeGreaterThanOrEqual(2);
    expect(res.body.matches).toBe(2);
    // The other event's figures are its own.
    expect((await s.admin('GET', `/api/admin/events/${gala.id}/contents`)).body).toEqual({ attendees: 2, selfies: 0, photos: 0, faces: 0, matches: 0 });

    expect((await s.admin('DELETE', `/api/admin/events/${event.id}`)).status).toBe(204);
    expect((await s.admin('GET', `/api/admin/events/${event.id}/contents`)).status).toBe(404);
    expect((await s.admin('PATCH', `/api/admin/events/${event.id}`, { name: 'gone' })).status).toBe(404);
  }, 120_000);
});
