// Password guessing is stopped per account, not per address: a group of phones behind one
// router (one address) all register and log in, while one account's wrong passwords lock only
// that account (unknown names alike, so nothing tells which accounts exist); real overload is
// shed with 503 and Retry-After before any bcrypt work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../../server/security/login-throttle.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

describe('the throttle', () => {
  it('lets 5 failures through, then locks for a time that doubles, and forgets on success', () => {
    let t = 0;
    const throttle = createLoginThrottle({ freeFailures: 5, windowMs: 900_000, firstLockMs: 30_000, maxLockMs: 100_000, now: () => t });
    for (let i = 0; i < 4; i++) throttle.failed('ann');
    expect(throttle.waitMs('ann')).toBe(0);
    throttle.failed('ann');
    expect(throttle.waitMs('ann')).toBe(30_000);
    expect(throttle.waitMs('bob')).toBe(0);
    t += 30_000;
    expect(throttle.waitMs('ann')).toBe(0);
    throttle.failed('ann');
    expect(throttle.waitMs('ann')).toBe(60_000);
    t += 60_000;
    throttle.failed('ann');
    expect(throttle.waitMs('ann')).toBe(100_000); // capped
    t += 100_000;
    throttle.succeeded('ann');
    throttle.failed('ann');
    expect(throttle.waitMs('ann')).toBe(0);
  });
});

describe('through the API, everyone from 127.0.0.1', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await s.createEvent('Router', 'ROUTER');
  });
  afterAll(() => s.close());
  const login = (identifier: string, password: string) => s.api('POST', '/api/login', { body: { identifier, password } });

  it('takes 30 phones behind one address with the default limits: every registration and login answered', async () => {
    const users = Array.from({ length: 30 }, (_, i) => `phone${i}`);
    await Promise.all(users.map((username) => register(s, { code: 'ROUTER', username })));
    const logins = await Promise.all(users.map((u) => login(u, 'correct horse battery')));
    expect(logins.map((r) => r.status)).toEqual(users.map(() => 200));
  });

  it('locks one account after 5 wrong passwords, not its neighbours, and says when to come back', async () => {
    await register(s, { code: 'ROUTER', username: 'alice' });
    for (let i = 0; i < 5; i++) expect((await login('alice', 'wrong password!')).status).toBe(401);
    const locked = await login('alice', 'correct horse battery');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_failed_logins');
    expect(locked.body.error.message).toMatch(/try again in a minute/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(20);
    expect((await login('phone1', 'correct horse battery')).status).toBe(200);

    for (let i = 0; i < 5; i++) expect((await login('nobody-here', 'wrong password!')).status).toBe(401);
    expect((await login('nobody-here', 'wrong password!')).body.error.code).toBe('too_many_failed_logins');
  });

  it('sheds a flood of logins with 503 server_busy and Retry-After, and answers the rest', async () => {
    const flood = await Promise.all(Array.from({ length: 150 }, (_, i) => login(`flood${i}`, 'some password')));
    const statuses = new Set(flood.map((r) => r.status));
    expect([...statuses].sort(), JSON.stringify(flood.find((r) => r.status === 429)?.body)).toEqual([401, 503]);
    const shed = flood.filter((r) => r.status === 503);
    expect(shed.every((r) => r.body.error.code === 'server_busy' && r.headers.get('retry-after') === '1')).toBe(true);
  });
});
