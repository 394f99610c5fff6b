// Cookie-authenticated writes from another site are refused; the same writes from our own
// pages, or with a Bearer token, go through. Responses carry security headers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let cookie: string;
beforeAll(async () => {
  s = await startTestServer();
  await s.createEvent('Origins', 'ORIGIN');
  const res = await s.api('POST', '/api/register', { body: { code: 'ORIGIN', username: 'victim', password: 'password-victim', consent: true } });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => s.close());

it('refuses a cookie-authenticated write whose Origin is another site', async () => {
  for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
    const res = await s.api('DELETE', '/api/me', { headers: { cookie, origin } });
    expect(res.status, origin).toBe(403);
    expect(res.body.error.code).toBe('cross_site_request');
  }
  const viaReferer = await s.api('POST', '/api/logout', { headers: { cookie, referer: 'http://evil.example/page' } });
  expect(viaReferer.status).toBe(403);
  expect((await s.api('GET', '/api/me', { headers: { cookie } })).status).toBe(200); // still logged in
});

it('accepts the same write from our own origin, and Bearer writes from anywhere', async () => {
  const own = new URL(s.attendeeUrl).origin;
  expect((await s.api('POST', '/api/logout', { headers: { cookie, origin: own } })).status).toBe(204);
  const { token } = await register(s, { code: 'ORIGIN', username: 'bearer' });
  expect((await s.api('POST', '/api/logout', { token, headers: { origin: 'http://evil.example' } })).status).toBe(204);
});

it('sends security headers and no stack traces', async () => {
  const res = await fetch(`${s.attendeeUrl}/api/health-check`);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-powered-by')).toBeNull();
});
