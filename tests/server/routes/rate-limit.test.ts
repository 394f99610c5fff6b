// Login, register and the availability check are rate-limited per client address.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_RATE_LIMIT_LOGIN: '3', FINDME_RATE_LIMIT_REGISTER: '2', FINDME_RATE_LIMIT_AVAILABILITY: '5' } });
  await s.createEvent('Limits', 'LIMIT1');
});
afterAll(() => s.close());

it('answers the 4th login in a minute with 429 rate_limited and Retry-After', async () => {
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 4; i++) {
    last = await s.api('POST', '/api/login', { body: { identifier: 'someone', password: 'wrong-password' } });
    statuses.push(last.status);
  }
  expect(statuses).toEqual([401, 401, 401, 429]);
  expect(last!.body.error.code).toBe('rate_limited');
  expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  // other routes are not limited by it
  expect((await s.api('GET', '/api/check-event-code?code=LIMIT1')).status).toBe(200);
});

it('limits registrations separately', async () => {
  const reg = (u: string) => s.api('POST', '/api/register', { body: { code: 'LIMIT1', username: u, password: 'password-1', consent: true } });
  expect((await reg('one')).status).toBe(201);
  expect((await reg('two')).status).toBe(201);
  const third = await reg('three');
  expect(third.status).toBe(429);
  expect(third.body.error.code).toBe('rate_limited');
});

it('limits availability look-ups, so e-mail addresses cannot be enumerated', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) {
    statuses.push((await s.api('GET', `/api/check-user-availability?code=LIMIT1&email=guess${i}%40example.com`)).status);
  }
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(statuses.slice(5)).toEqual([429, 429, 429]);
});
