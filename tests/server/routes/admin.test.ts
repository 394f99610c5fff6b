// The admin listener: token required, settings applied live, system figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('admin token', () => {
  it('refuses admin routes without the token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${ADMIN_TOKEN}x`, ADMIN_TOKEN]) {
      const res = await fetch(`${s.adminUrl}/api/admin/events`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('has no admin route on the attendee listener', async () => {
    for (const path of ['/api/admin/events', '/api/admin/settings', '/api/admin/system', '/api/docs']) {
      const res = await s.api('GET', path, { token: ADMIN_TOKEN });
      expect(res.status).toBe(404);
    }
  });

  it('listens for admin on 127.0.0.1 only', () => {
    const address = s.findme.adminApp.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });
});

describe('events', () => {
  it('lists events with counts, newest first', async () => {
    const a = await s.createEvent('First', 'FIRST1');
    await register(s, { code: a.code, username: 'one' });
    await register(s, { code: a.code, username: 'two' });
    const b = await s.createEvent('Second');
    const list = (await s.admin('GET', '/api/admin/events')).body.events;
    expect(list.map((e: { id: string }) => e.id)).toEqual([b.id, a.id]);
    expect(list[1]).toMatchObject({ name: 'First', code: 'FIRST1', attendeeCount: 2, photoCount: 0 });
    expect(new Date(list[1].createdAt).getTime()).toBeGreaterThan(0);
  });
});

describe('settings', () => {
  it('gives defaults, applies a change and keeps bcryptRounds within 10..14', async () => {
    const before = (await s.admin('GET', '/api/admin/settings')).body;
    expect(before).toMatchObject({ bcryptRounds: 10, faceEngine: 'local' });
    expect(before.workers).toBeGreaterThanOrEqual(1);
    const put = await s.admin('PUT', '/api/admin/settings', { bcryptRounds: 12 });
    expect(put.status).toBe(200);
    expect(put.body.bcryptRounds).toBe(12);
    expect((await s.admin('PUT', '/api/admin/settings', { bcryptRounds: 9 })).status).toBe(400);
    await s.admin('PUT', '/api/admin/settings', { bcryptRounds: 10 });
  });

  it('re-hashes a password at the current cost on the next successful login', async () => {
    const event = await s.createEvent('Rehash', 'REHASH');
    const { attendee } = await register(s, { code: event.code, username: 'rehash', password: 'password-rehash' });
    const hashOf = () => (s.findme.db.prepare('SELECT password_hash AS h FROM attendees WHERE id = ?').get(attendee.id) as { h: string }).h;
    expect(hashOf()).toMatch(/^\$2[aby]\$10\$/);
    await s.admin('PUT', '/api/admin/settings', { bcryptRounds: 11 });
    const wrong = await s.api('POST', '/api/login', { body: { identifier: 'rehash', password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(hashOf()).toMatch(/^\$2[aby]\$10\$/); // a failed login changes nothing
    expect((await s.api('POST', '/api/login', { body: { identifier: 'rehash', password: 'password-rehash' } })).status).toBe(200);
    await expect.poll(hashOf, { timeout: 5000 }).toMatch(/^\$2[aby]\$11\$/);
    expect((await s.api('POST', '/api/login', { body: { identifier: 'rehash', password: 'password-rehash' } })).status).toBe(200);
    await s.admin('PUT', '/api/admin/settings', { bcryptRounds: 10 });
  });
});

describe('system and docs', () => {
  it('reports CPU, memory and event-loop lag', async () => {
    const sys = (await s.admin('GET', '/api/admin/system')).body;
    expect(sys.cpu.cores).toBeGreaterThan(0);
    expect(sys.memory.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(typeof sys.eventLoopLagMs).toBe('number');
    expect(sys.eventLoopLagMs).toBeGreaterThanOrEqual(0);
  });

  it('serves the OpenAPI reference of both listeners at /api/docs', async () => {
    const docs = (await s.admin('GET', '/api/docs')).body;
    expect(Object.keys(docs.admin.paths)).toContain('/api/admin/events');
    expect(Object.keys(docs.attendee.paths)).toContain('/api/register');
  });
});
