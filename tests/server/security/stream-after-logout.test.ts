// An open /api/stream stops when its session ends: logout (that session only), account
// deletion by the attendee or the operator, and event purge. Matches are published on the live
// bus as the pipeline does, so no face work is needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

async function openStream(token: string) {
  const res = await fetch(`${s.attendeeUrl}/api/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const state = { ended: false, text: '', reader: res.body!.getReader() };
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await state.reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      state.text += decoder.decode(value);
    }
    state.ended = true;
  })();
  // The stream is registered once its first bytes arrive.
  await expect.poll(() => state.text).toContain('retry:');
  return state;
}

const publishMatch = (attendee: { id: string; eventId: string }, photoId: string) =>
  s.findme.bus.emit('match', { attendeeId: attendee.id, eventId: attendee.eventId, photoId, matchedAt: Date.now() });

describe('a live stream ends with its session', () => {
  it('delivers matches while the session lives', async () => {
    const event = await s.createEvent('Live', 'LIVE01');
    const a = await register(s, { code: event.code, username: 'alive' });
    const stream = await openStream(a.token);
    publishMatch(a.attendee, 'photo-before');
    await expect.poll(() => stream.text).toContain('photo-before');
    await stream.reader.cancel();
  });

  it('stops at logout, for that session only', async () => {
    const event = await s.createEvent('Logout', 'LOGOUT');
    const a = await register(s, { code: event.code, username: 'leaver', password: 'password-leaver' });
    const other = await s.api('POST', '/api/login', { body: { identifier: 'leaver', password: 'password-leaver' } });
    expect(other.status).toBe(200);
    const first = await openStream(a.token);
    const second = await openStream(other.body.token);
    expect((await s.api('POST', '/api/logout', { token: a.token })).status).toBe(204);
    publishMatch(a.attendee, 'photo-after-logout');
    await expect.poll(() => first.ended).toBe(true);
    expect(first.text).not.toContain('photo-after-logout');
    expect(first.text).not.toContain('event: ended'); // the phone that logged out knows why
    await expect.poll(() => second.text).toContain('photo-after-logout');
    expect(second.ended).toBe(false);
    await second.reader.cancel();
  });

  it('stops when the attendee deletes their account', async () => {
    const event = await s.createEvent('Delete', 'DELME1');
    const a = await register(s, { code: event.code, username: 'deleter' });
    const stream = await openStream(a.token);
    expect((await s.api('DELETE', '/api/me', { token: a.token })).status).toBe(204);
    publishMatch(a.attendee, 'photo-after-delete');
    await expect.poll(() => stream.ended).toBe(true);
    expect(stream.text).not.toContain('photo-after-delete');
    expect(stream.text).not.toContain('event: ended');
  });

  it('stops when the operator removes the attendee, telling the phone why first', async () => {
    const event = await s.createEvent('Remove', 'REMOVE');
    const a = await register(s, { code: event.code, username: 'removed' });
    const stream = await openStream(a.token);
    expect((await s.admin('DELETE', `/api/admin/events/${event.id}/attendees/${a.attendee.id}`)).status).toBe(204);
    publishMatch(a.attendee, 'photo-after-removal');
    await expect.poll(() => stream.ended).toBe(true);
    expect(stream.text).not.toContain('photo-after-removal');
    expect(stream.text).toContain('event: ended\ndata: {"reason":"removed"}\n\n');
  });

  it('stops when the event is purged', async () => {
    const event = await s.createEvent('Purge', 'PURGE1');
    const a = await register(s, { code: event.code, username: 'purged' });
    const stream = await openStream(a.token);
    const purge = await s.admin('DELETE', `/api/admin/events/${event.id}`);
    expect(purge.status).toBeLessThan(300);
    publishMatch(a.attendee, 'photo-after-purge');
    await expect.poll(() => stream.ended).toBe(true);
    expect(stream.text).not.toContain('photo-after-purge');
  });
});
