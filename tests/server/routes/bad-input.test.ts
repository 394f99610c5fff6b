// Bad input on every route: always a 4xx with an error code, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let code: string;
let token: string;

beforeAll(async () => {
  // Rate limits are tested on their own (rate-limit.test.ts); here they would hide the answers under test.
  s = await startTestServer({ env: { FINDME_RATE_LIMIT_LOGIN: '100000', FINDME_RATE_LIMIT_REGISTER: '100000' } });
  code = (await s.createEvent('Bad input', 'BADIN1')).code;
  token = (await register(s, { code, username: 'victim' })).token;
});
afterAll(() => s.close());

const MB = 'x'.repeat(1024 * 1024);
const WEIRD_STRINGS = ["' OR '1'='1", "'; DROP TABLE attendees; --", '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂', '\u0000nul', '../../etc/passwd', '<script>alert(1)</script>', MB];
const WRONG_TYPES = [null, 42, true, [], {}, ['a']];

function expectClientError(res: { status: number; body: { error?: { code?: unknown; message?: unknown } } }, label: string) {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  expect(typeof res.body?.error?.code, label).toBe('string');
  expect(typeof res.body?.error?.message, label).toBe('string');
  expect(JSON.stringify(res.body), label).not.toMatch(/at .*\.ts:\d+|node_modules|\/work\//);
}

const JSON_ROUTES: { listener: 'api' | 'admin'; path: string; valid: Record<string, unknown> }[] = [
  { listener: 'api', path: '/api/register', valid: { code: 'BADIN1', username: 'newuser', password: 'password-1', consent: true } },
  { listener: 'api', path: '/api/login', valid: { identifier: 'victim', password: 'correct horse battery' } },
  { listener: 'admin', path: '/api/admin/events', valid: { name: 'An event' } },
];

async function fetchAdmin(method: string, path: string, init: { body?: unknown; raw?: string; headers?: Record<string, string> }) {
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers };
  let body = init.raw;
  if (body === undefined && init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(s.adminUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as { error?: { code?: unknown; message?: unknown } } };
}

describe.each(JSON_ROUTES)('POST $path', ({ listener, path, valid }) => {
  const post = (init: { body?: unknown; raw?: string; headers?: Record<string, string> }) =>
    listener === 'api' ? s.api('POST', path, init) : fetchAdmin('POST', path, init);

  it('refuses each missing field', async () => {
    for (const key of Object.keys(valid)) {
      const body = { ...valid };
      delete body[key];
      expectClientError(await post({ body }), `missing ${key}`);
    }
  });

  it('refuses extra fields', async () => {
    expectClientError(await post({ body: { ...valid, isAdmin: true } }), 'extra field');
    expectClientError(await post({ body: { ...valid, __proto__: { polluted: 1 }, constructor: { prototype: {} } } }), 'proto');
  });

  it('refuses wrong types in every field', async () => {
    for (const key of Object.keys(valid)) {
      for (const wrong of WRONG_TYPES) {
        if (typeof wrong === typeof valid[key] && !Array.isArray(wrong) && wrong !== null) continue;
        expectClientError(await post({ body: { ...valid, [key]: wrong } }), `${key}=${JSON.stringify(wrong)}`);
      }
    }
  });

  it('survives hostile strings in every string field', async () => {
    for (const key of Object.keys(valid).filter((k) => typeof valid[k] === 'string')) {
      for (const str of WEIRD_STRINGS) {
        const res = await post({ body: { ...valid, [key]: str } });
        expect(res.status, `${key}=${str.slice(0, 20)}`).toBeLessThan(500);
        if (res.status >= 400) expectClientError(res, `${key}=${str.slice(0, 20)}`);
      }
    }
  });

  it('refuses invalid JSON, empty bodies, non-objects and wrong content types', async () => {
    const json = { 'content-type': 'application/json' };
    for (const raw of ['{', '{"a":', 'nope', '', '[]', '"string"', '123', 'null', '{"a":1}}']) {
      expectClientError(await post({ raw, headers: json }), `raw ${raw}`);
    }
    expectClientError(await post({ raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }), 'text/plain');
    expectClientError(await post({ raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'form');
    expectClientError(await post({ raw: JSON.stringify(valid), headers: { 'content-type': 'application/xml' } }), 'xml');
  });

  it('refuses a 1 MB body with body_too_large', async () => {
    const res = await post({ body: { ...valid, padding: MB } });
    expectClientError(res, '1MB');
    expect(res.status).toBe(413);
  });
});

describe('GET routes with bad query strings', () => {
  const cases = [
    '/api/check-event-code',
    '/api/check-event-code?code=',
    `/api/check-event-code?code=${'A'.repeat(5000)}`,
    '/api/check-event-code?code=GALA&extra=1',
    '/api/check-event-code?code[]=a&code[]=b',
    '/api/check-user-availability',
    '/api/check-user-availability?username=x',
    `/api/check-user-availability?code=BADIN1&username=${'u'.repeat(500)}`,
    '/api/check-user-availability?code=NOPE&email=a@b.c',
  ];
  it.each(cases)('%s', async (path) => {
    expectClientError(await s.api('GET', path), path);
  });

  it('answers hostile but well-formed codes with valid:false, not an error', async () => {
    for (const str of ["' OR 1=1 --", '🙂🙂🙂', '../..', '\u0000\uFFFD']) {
      const res = await s.api('GET', `/api/check-event-code?code=${encodeURIComponent(str)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ valid: false });
    }
  });
});

describe('authenticated and admin routes', () => {
  it('refuses bad tokens and headers with 401 and a code', async () => {
    for (const headers of <Record<string, string>[]>[
      { authorization: 'Bearer' },
      { authorization: 'Basic abc' },
      { cookie: 'findme_session=%%%' },
      { authorization: `Bearer ${MB.slice(0, 8000)}` },
    ]) {
      expectClientError(await s.api('GET', '/api/me', { headers }), JSON.stringify(headers).slice(0, 40));
    }
  });

  it('answers unknown routes with not_found', async () => {
    expectClientError(await s.api('GET', '/api/nope'), '/api/nope');
    expectClientError(await s.api('DELETE', '/api/register'), 'DELETE register');
  });

  it('validates settings: unknown keys, out-of-range and wrong types', async () => {
    for (const body of [{ bcryptRounds: 4 }, { bcryptRounds: 15 }, { bcryptRounds: '12' }, { workers: 0 }, { faceEngine: 'magic' }, { nope: 1 }, [], null]) {
      const res = await fetchAdmin('PUT', '/api/admin/settings', { body });
      expectClientError(res, JSON.stringify(body));
    }
  });

  it('never lets the logout route fail on odd input', async () => {
    for (const init of [{ raw: 'garbage', headers: { 'content-type': 'application/json' } }, { token: 'nonsense' }, { token }]) {
      const res = await s.api('POST', '/api/logout', init);
      expect(res.status).toBeLessThan(500);
    }
  });
});
