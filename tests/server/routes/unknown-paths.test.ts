// Unknown paths on the attendee listener: a browser gets the phone app's own "page not found"
// (status 404, HTML, no-cache) that it shows in the phone's language; API clients and anything
// under /api/ keep the JSON error of the contract.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

it('answers a browser with the app, status 404', async () => {
  for (const path of ['/nope', '/e/ABC/extra', '/photos/123?x=1']) {
    const res = await fetch(s.attendeeUrl + path, { headers: BROWSER });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toMatch(/<div id="root">/);
  }
});

it('keeps the JSON error for /api/* and for clients that do not ask for HTML', async () => {
  for (const [path, headers] of [
    ['/api/nope', BROWSER],
    ['/nope', { accept: 'application/json' }],
    ['/nope', {}],
  ] as const) {
    const res = await fetch(s.attendeeUrl + path, { headers });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  }
  const post = await fetch(`${s.attendeeUrl}/nope`, { method: 'POST', headers: BROWSER });
  expect(post.status).toBe(404);
  expect(post.headers.get('content-type')).toMatch(/json/);
});

it('does not serve the dashboard page on the admin listener for unknown paths', async () => {
  const res = await fetch(`${s.adminUrl}/nope`, { headers: { ...BROWSER, authorization: `Bearer ${s.adminToken}` } });
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/json/);
});
