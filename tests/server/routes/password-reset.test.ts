// A forgotten password over real HTTP: the operator makes a one-time code, the phone sends it
// with the username or e-mail and a new password. Short, expiring, single use, hashed, tied to
// its attendee, the older one voided by a new one, other sessions ended, rate-limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let gala: { id: string; code: string };
let expo: { id: string; code: string };

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_RATE_LIMIT_RESET: '1000' } });
  gala = await s.createEvent('Gala', 'GALA26');
  expo = await s.createEvent('Expo', 'EXPO26');
});
afterAll(() => s.close());

const makeCode = (eventId: string, attendeeId: string) => s.admin('POST', `/api/admin/events/${eventId}/attendees/${attendeeId}/reset-code`);
const reset = (code: string, identifier: string, password = 'a brand new password') =>
  s.api('POST', '/api/reset-password', { body: { code, identifier, password } });
const login = (identifier: string, password: string) => s.api('POST', '/api/login', { body: { identifier, password } });
const me = (token: string) => s.api('GET', '/api/me', { token });

describe('the operator makes a reset code', () => {
  it('answers 201 with 8 unambiguous characters valid 15 minutes, and stores only its sha256', async () => {
    const alice = await register(s, { code: gala.code, username: 'alice', email: 'alice@example.com' });
    const before = Date.now();
    const res = await makeCode(gala.id, alice.attendee.id);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    const ttl = Date.parse(res.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    const rows = s.findme.db.prepare('SELECT code_hash FROM reset_codes').all() as { code_hash: Buffer }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash.toString('latin1')).not.toContain(res.body.code);
    expect(rows[0]!.code_hash).toHaveLength(32);
  });

  it('answers 404 for an attendee of another event, an unknown attendee or an unknown event', async () => {
    const bob = await register(s, { code: expo.code, username: 'bob' });
    expect((await makeCode(gala.id, bob.attendee.id)).status).toBe(404);
    expect((await makeCode(gala.id, 'no-such-attendee')).status).toBe(404);
    const noEvent = await makeCode('no-such-event', bob.attendee.id);
    expect(noEvent.status).toBe(404);
    expect(noEvent.body.error.code).toBe('event_not_found');
  });

  it('is an admin route: not on the attendee listener, not without the token', async () => {
    const carol = await register(s, { code: gala.code, username: 'carol' });
    const path = `/api/admin/events/${gala.id}/attendees/${carol.attendee.id}/reset-code`;
    expect((await s.api('POST', path, { token: carol.token })).status).toBe(404);
    expect((await fetch(s.adminUrl + path, { method: 'POST' })).status).toBe(401);
  });
});

describe('the phone resets the password', () => {
  it('sets the new password, ends the other sessions and logs in like /api/login (token and cookie)', async () => {
    const dan = await register(s, { code: gala.code, username: 'Dan', email: 'dan@example.com', password: 'old password 1' });
    const other = await login('dan', 'old password 1');
    expect(other.status).toBe(200);
    const { code } = (await makeCode(gala.id, dan.attendee.id)).body;
    // Typed as it is shown (grouped, lower-case), with the username in another case.
    const res = await reset(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`, 'DAN', 'new password 22');
    expect(res.status).toBe(200);
    expect(res.body.attendee).toEqual(dan.attendee);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/findme_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect((await s.api('GET', '/api/me', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
    // Sessions made before the reset are over.
    expect((await me(dan.token)).status).toBe(401);
    expect((await me(other.body.token)).status).toBe(401);
    expect((await me(res.body.token)).status).toBe(200);
    // Old password refused, new one accepted (also by e-mail).
    expect((await login('dan', 'old password 1')).status).toBe(401);
    expect((await login('dan@example.com', 'new password 22')).status).toBe(200);
    const hash = (s.findme.db.prepare('SELECT password_hash FROM attendees WHERE id = ?').get(dan.attendee.id) as { password_hash: string }).password_hash;
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
  });

  it('takes the e-mail as identifier, and is single use', async () => {
    const erin = await register(s, { code: gala.code, username: 'erin', email: 'erin@example.com' });
    const { code } = (await makeCode(gala.id, erin.attendee.id)).body;
    expect((await reset(code, 'Erin@Example.com')).status).toBe(200);
    const again = await reset(code, 'Erin@Example.com', 'a third password');
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('reset_code_invalid');
    expect((await login('erin', 'a third password')).status).toBe(401);
  });

  it('refuses a code with the username or e-mail of someone else, and the code still works for its owner', async () => {
    const fay = await register(s, { code: gala.code, username: 'fay', email: 'fay@example.com', password: 'fay password 1' });
    await register(s, { code: gala.code, username: 'gus', email: 'gus@example.com', password: 'gus password 1' });
    const { code } = (await makeCode(gala.id, fay.attendee.id)).body;
    for (const identifier of ['gus', 'gus@example.com', 'nobody', 'fay@elsewhere.com']) {
      const res = await reset(code, identifier, 'stolen password');
      expect(res.status, identifier).toBe(400);
      expect(res.body.error.code).toBe('reset_code_invalid');
    }
    expect((await login('gus', 'gus password 1')).status).toBe(200);
    expect((await login('fay', 'fay password 1')).status).toBe(200);
    expect((await reset(code, 'fay')).status).toBe(200);
  });

  it('refuses a wrong code and an expired one with the same answer', async () => {
    const hal = await register(s, { code: gala.code, username: 'hal', password: 'hal password 1' });
    const { code } = (await makeCode(gala.id, hal.attendee.id)).body;
    const wrong = await reset(code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA', 'hal');
    const short = await reset('ABC', 'hal');
    s.findme.db.prepare('UPDATE reset_codes SET expires_at = ? WHERE attendee_id = ?').run(Date.now() - 1, hal.attendee.id);
    const expired = await reset(code, 'hal');
    for (const res of [wrong, short, expired]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual(expired.body.error);
    }
    expect(expired.body.error.code).toBe('reset_code_invalid');
    expect((await login('hal', 'hal password 1')).status).toBe(200);
  });

  it('voids the older code when the operator makes a new one', async () => {
    const ivy = await register(s, { code: gala.code, username: 'ivy' });
    const first = (await makeCode(gala.id, ivy.attendee.id)).body.code as string;
    const second = (await makeCode(gala.id, ivy.attendee.id)).body.code as string;
    expect(second).not.toBe(first);
    expect((await reset(first, 'ivy')).body.error.code).toBe('reset_code_invalid');
    expect((await reset(second, 'ivy')).status).toBe(200);
  });

  it('checks the new password like registration (8 to 72 bytes) without using the code', async () => {
    const jay = await register(s, { code: gala.code, username: 'jay' });
    const { code } = (await makeCode(gala.id, jay.attendee.id)).body;
    const short = await reset(code, 'jay', 'short');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('password_too_short');
    expect((await reset(code, 'jay', 'x'.repeat(73))).body.error.code).toBe('password_too_long');
    expect((await reset(code, 'jay')).status).toBe(200);
  });

  it('lets an account locked by wrong passwords log in again after a reset', async () => {
    const kim = await register(s, { code: gala.code, username: 'kim' });
    for (let i = 0; i < 6; i++) await login('kim', 'wrong password');
    expect((await login('kim', 'correct horse battery')).body.error.code).toBe('too_many_failed_logins');
    const { code } = (await makeCode(gala.id, kim.attendee.id)).body;
    expect((await reset(code, 'kim', 'kim new password')).status).toBe(200);
    expect((await login('kim', 'kim new password')).status).toBe(200);
  });

  it('is single use even when two phones send the code at the same moment', async () => {
    const lou = await register(s, { code: gala.code, username: 'lou' });
    const { code } = (await makeCode(gala.id, lou.attendee.id)).body;
    const both = await Promise.all([reset(code, 'lou', 'first new password'), reset(code, 'lou', 'second new password')]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = both[0]!.status === 200 ? 'first new password' : 'second new password';
    const loser = winner === 'first new password' ? 'second new password' : 'first new password';
    expect((await login('lou', winner)).status).toBe(200);
    expect((await login('lou', loser)).status).toBe(401);
  });

  it("closes the live streams of the attendee's ended sessions", async () => {
    const max = await register(s, { code: gala.code, username: 'max' });
    const res = await fetch(`${s.attendeeUrl}/api/stream`, { headers: { authorization: `Bearer ${max.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const ended = (async () => {
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return true;
    })();
    const { code } = (await makeCode(gala.id, max.attendee.id)).body;
    expect((await reset(code, 'max')).status).toBe(200);
    expect(await ended).toBe(true);
  });

  it('refuses bodies that are not the contract', async () => {
    for (const body of [
      {},
      { code: 'ABCDEFGH', identifier: 'x' },
      { code: 'ABCDEFGH', identifier: 'x', password: 'long enough', extra: 1 },
      { code: 1, identifier: 'x', password: 'p' },
    ]) {
      const res = await s.api('POST', '/api/reset-password', { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
  });
});

describe('rate limit', () => {
  it('answers 429 rate_limited past FINDME_RATE_LIMIT_RESET attempts a minute from one address', async () => {
    const limited = await startTestServer({ env: { FINDME_RATE_LIMIT_RESET: '3' } });
    try {
      await limited.createEvent('Limits', 'LIMIT1');
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await limited.api('POST', '/api/reset-password', { body: { code: 'AAAABBBB', identifier: 'someone', password: 'long enough' } });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
      expect(last!.body.error.code).toBe('rate_limited');
      expect((await limited.api('POST', '/api/login', { body: { identifier: 'someone', password: 'long enough' } })).status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
