// The built pages: index.html revalidated, hashed assets cached for good and sent compressed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

it('serves the phone app at / and /e/CODE, with compressed, long-cached assets', async () => {
  for (const path of ['/', '/e/ABCD12']) {
    const res = await fetch(s.attendeeUrl + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  }
  const html = await (await fetch(`${s.attendeeUrl}/`)).text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const plain = await fetch(s.attendeeUrl + script!, { headers: { 'accept-encoding': 'identity' } });
  const br = await fetch(s.attendeeUrl + script!, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(br.headers.get('content-encoding')).toBe('br');
  expect(br.headers.get('cache-control')).toMatch(/immutable/);
  expect((await br.text()).length).toBe((await plain.text()).length); // fetch decodes it: the same script
});

it('serves the dashboard on the admin listener only', async () => {
  const res = await fetch(`${s.adminUrl}/`);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/FindMe — dashboard/);
});
