// The attendee account flow over real HTTP against a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/security/tokens.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let gala: { id: string; code: string; name: string };
let expo: { id: string; code: string; name: string };

beforeAll(async () => {
  s = await startTestServer();
  gala = await s.createEvent('Gala 2026', 'GALA26');
  expo = await s.createEvent('Expo');
});
afterAll(() => s.close());

describe('event codes', () => {
  it('answers valid codes case-insensitively and unknown ones with valid:false', async () => {
    expect((await s.api('GET', '/api/check-event-code?code=gala26')).body).toEqual({
      valid: true,
      event: { id: gala.id, name: 'Gala 2026', registrationOpen: true },
      branding: { accentColor: null, colors: null, hasLogo: false, logoUrl: null },
    });
    expect((await s.api('GET', '/api/check-event-code?code=NOPE99')).body).toEqual({ valid: false });
  });

  it('generates a 6-character code when none is given, and refuses a taken one', async () => {
    expect(expo.code).toMatch(/^[A-Z2-9]{6}$/);
    const dup = await s.admin('POST', '/api/admin/events', { name: 'Other', code: 'gala26' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('code_taken');
  });

  it('sees an event created after its code was looked up (cache invalidation)', async () => {
    expect((await s.api('GET', '/api/check-event-code?code=LATE01')).body.valid).toBe(false);
    await s.createEvent('Late', 'LATE01');
    expect((await s.api('GET', '/api/check-event-code?code=LATE01')).body.valid).toBe(true);
  });

  it('counts cache hits in queue/stats', async () => {
    await s.api('GET', '/api/check-event-code?code=GALA26');
    await s.api('GET', '/api/check-event-code?code=GALA26');
    const stats = (await s.admin('GET', '/api/admin/queue/stats')).body;
    expect(stats.cache.eventCode.hits).toBeGreaterThanOrEqual(2);
    expect(stats.cache.eventCode.hitRate).toBeGreaterThan(0);
    expect(stats.queue).toHaveProperty('workers');
  });
});

describe('registration', () => {
  it('registers, sets an HttpOnly SameSite=Lax cookie and answers /api/me with it', async () => {
    const res = await s.api('POST', '/api/register', {
      body: { code: 'gala26', username: 'Alice', email: 'Alice@Example.com', displayName: 'Alice A.', password: 'password-alice', consent: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.attendee).toMatchObject({ eventId: gala.id, username: 'Alice', displayName: 'Alice A.' });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/findme_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await s.api('GET', '/api/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ attendee: res.body.attendee, selfies: [], photoCount: 0 });
  });

  it('stores only a hash of the session token, and the password only as bcrypt', async () => {
    const { token } = await register(s, { code: gala.code, username: 'hashcheck' });
    const rows = s.findme.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: Buffer }[];
    expect(rows.some((r) => r.token_hash.equals(hashToken(token)))).toBe(true);
    expect(rows.some((r) => r.token_hash.toString() === token)).toBe(false);
    const hash = (s.findme.db.prepare("SELECT password_hash FROM attendees WHERE username = 'hashcheck'").get() as { password_hash: string }).password_hash;
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
  });

  it('refuses a taken username or e-mail in the same event (409), case-insensitively', async () => {
    const u = await s.api('POST', '/api/register', { body: { code: gala.code, username: 'ALICE', password: 'password-x', consent: true } });
    expect(u.status).toBe(409);
    expect(u.body.error.code).toBe('username_taken');
    const e = await s.api('POST', '/api/register', {
      body: { code: gala.code, username: 'alice2', email: 'alice@example.COM', password: 'password-x', consent: true },
    });
    expect(e.status).toBe(409);
    expect(e.body.error.code).toBe('email_taken');
  });

  it('allows the same username and e-mail in another event, as another attendee', async () => {
    const res = await s.api('POST', '/api/register', {
      body: { code: expo.code, username: 'alice', email: 'alice@example.com', password: 'password-alice', consent: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.attendee.eventId).toBe(expo.id);
  });

  it('requires consent, a known event and a password of 8 to 72 bytes', async () => {
    const base = { code: gala.code, username: 'bob', password: 'password-bob' };
    expect((await s.api('POST', '/api/register', { body: { ...base, consent: false } })).body.error.code).toBe('consent_required');
    expect((await s.api('POST', '/api/register', { body: { ...base, code: 'ZZZZ99', consent: true } })).body.error.code).toBe('event_not_found');
    expect((await s.api('POST', '/api/register', { body: { ...base, password: 'short', consent: true } })).body.error.code).toBe('password_too_short');
    // 25 three-byte characters = 75 bytes: over bcrypt's 72-byte limit though only 25 characters
    const long = await s.api('POST', '/api/register', { body: { ...base, password: '€'.repeat(25), consent: true } });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('password_too_long');
  });

  it('answers availability within the event only', async () => {
    const q = (code: string, params: string) => s.api('GET', `/api/check-user-availability?code=${code}&${params}`);
    expect((await q(gala.code, 'username=alice&email=ALICE@example.com')).body).toEqual({ usernameAvailable: false, emailAvailable: false });
    expect((await q(gala.code, 'username=nobody')).body).toEqual({ usernameAvailable: true });
    const late = (await s.api('GET', '/api/check-event-code?code=LATE01')).body.event;
    expect(late).toBeDefined();
    expect((await q('LATE01', 'username=alice')).body).toEqual({ usernameAvailable: true });
    expect((await q('ZZZZ99', 'username=alice')).status).toBe(404);
  });
});

describe('login', () => {
  it('logs in with a username or an e-mail when only one event matches', async () => {
    await register(s, { code: gala.code, username: 'carol', email: 'carol@example.com', password: 'password-carol' });
    const byName = await s.api('POST', '/api/login', { body: { identifier: 'Carol', password: 'password-carol' } });
    expect(byName.status).toBe(200);
    expect(byName.body.attendee.username).toBe('carol');
    const byMail = await s.api('POST', '/api/login', { body: { identifier: 'carol@example.com', password: 'password-carol' } });
    expect(byMail.status).toBe(200);
  });

  it('asks to choose the event when the password is right in several, listing only those', async () => {
    // alice exists in gala and expo with the same password, and in Late with another one
    const late = await s.api('POST', '/api/register', { body: { code: 'LATE01', username: 'alice', password: 'other-password', consent: true } });
    expect(late.status).toBe(201);
    const res = await s.api('POST', '/api/login', { body: { identifier: 'alice', password: 'password-alice' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('choose_event');
    expect(res.body.events.map((e: { id: string }) => e.id).sort()).toEqual([gala.id, expo.id].sort());
    const chosen = await s.api('POST', '/api/login', { body: { identifier: 'alice', password: 'password-alice', eventId: expo.id } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.attendee.eventId).toBe(expo.id);
  });

  it('gives the same answer for a wrong password and an unknown account, naming no event', async () => {
    const wrong = await s.api('POST', '/api/login', { body: { identifier: 'alice', password: 'wrong-password' } });
    const unknown = await s.api('POST', '/api/login', { body: { identifier: 'nobody-here', password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(JSON.stringify(wrong.body)).not.toMatch(/Gala|Expo|events/);
  });
});

describe('sessions', () => {
  it('accepts Bearer, and logout ends the session', async () => {
    const { token } = await register(s, { code: gala.code, username: 'dave' });
    expect((await s.api('GET', '/api/me', { token })).status).toBe(200);
    const out = await s.api('POST', '/api/logout', { token });
    expect(out.status).toBe(204);
    const after = await s.api('GET', '/api/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  it('refuses forged and missing tokens', async () => {
    for (const token of ['forged', 'A'.repeat(43), "' OR 1=1 --"]) {
      const res = await s.api('GET', '/api/me', { token });
      expect(res.status).toBe(401);
    }
    expect((await s.api('GET', '/api/me')).status).toBe(401);
  });

  it('refuses an expired token with session_expired', async () => {
    const { token } = await register(s, { code: gala.code, username: 'erin' });
    s.findme.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(Date.now() - 1000, hashToken(token));
    const res = await s.api('GET', '/api/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_expired');
    expect((await s.api('GET', '/api/me', { token })).body.error.code).toBe('unauthorized'); // deleted on first sight
  });
});
